package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ImportDirectory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse remove. */
class RemoveSubcommandTest {
    private static final DirectoryUser JANE = new DirectoryUser(LINK.tenant(), new DirectoryUserId("jdoe42"),
            new EmailAddress("jane@uni.example.edu"), new DisplayName("Jane Doe"));

    @Test
    void aRemovalSaysWhoseVerificationEndedOrThatThereWasNoSuchPerson() {
        String withLink = RemoveSubcommand.reply(new ImportDirectory.UserRemoved(JANE, Optional.of(LINK)), "jdoe42");
        assertTrue(withLink.contains("`jdoe42`") && withLink.contains("<@" + LINK.discordUser().value() + ">"), withLink);
        assertTrue(RemoveSubcommand.reply(new ImportDirectory.UserRemoved(JANE, Optional.empty()), "jdoe42").contains("weren't verified"));
        assertTrue(RemoveSubcommand.reply(new ImportDirectory.NoSuchDirectoryUser("nobody"), "nobody").contains("no `nobody`"));
        assertTrue(RemoveSubcommand.reply(new GuildNotSetUp(), "x").contains("isn't set up"));
    }
}
