package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.JANE;
import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static dev.gatehouse.discord.ReplyFixtures.MEMBER;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.port.in.AdministerGuild;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse link. */
class LinkSubcommandTest {
    @Test
    void aLinkSaysWhoTheMemberIsNowOrWhyNot() {
        assertTrue(LinkSubcommand.reply(new AdministerGuild.Linked(LINK, JANE), MEMBER).contains("now verified"));
        assertTrue(LinkSubcommand.reply(new AdministerGuild.NoSuchUser("ghost"), MEMBER).contains("`ghost`"));
        assertTrue(LinkSubcommand.reply(new AdministerGuild.MemberAlreadyLinked(LINK), MEMBER).contains("Unlink them first"));
        assertTrue(LinkSubcommand.reply(new AdministerGuild.UserAlreadyLinked(LINK), new DiscordUserId(43)).contains("<@42>"));
    }
}
