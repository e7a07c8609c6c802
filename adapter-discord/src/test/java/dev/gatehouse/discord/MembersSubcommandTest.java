package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.JANE;
import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static dev.gatehouse.discord.ReplyFixtures.NOW;
import static dev.gatehouse.discord.ReplyFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.port.in.AdministerGuild;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse members. */
class MembersSubcommandTest {
    @Test
    void membersArePagedWithAHintForTheNextPage() {
        AdministerGuild.MemberPage page = new AdministerGuild.MemberPage(
                List.of(new AdministerGuild.Member(LINK, Optional.of(JANE))), 0, 1, 3);
        String reply = MembersSubcommand.reply(page);
        assertTrue(reply.contains("page 1 of 3"), reply);
        assertTrue(reply.contains("/gatehouse members page:2"), reply);
        assertTrue(MembersSubcommand.reply(new AdministerGuild.MemberPage(List.of(), 0, 10, 0)).contains("Nobody"));
    }

    @Test
    void repliesStayWithinDiscordsLengthLimit() {
        List<AdministerGuild.Member> many = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new AdministerGuild.Member(new Link(TENANT, new DiscordUserId(1000 + i),
                        new DirectoryUserId("user" + "x".repeat(100) + i), NOW, LinkOrigin.IMPORT),
                        Optional.<DirectoryUser>empty()))
                .toList();
        assertTrue(MembersSubcommand.reply(new AdministerGuild.MemberPage(many, 0, 100, 100)).length() <= CommonReplies.MAX_LENGTH);
    }
}
