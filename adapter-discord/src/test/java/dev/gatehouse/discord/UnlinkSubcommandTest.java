package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static dev.gatehouse.discord.ReplyFixtures.MEMBER;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.port.in.AdministerGuild;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse unlink. */
class UnlinkSubcommandTest {
    @Test
    void anUnlinkSaysWhatTheMemberWasOrThatThereWasNothing() {
        assertTrue(UnlinkSubcommand.reply(new AdministerGuild.Unlinked(LINK), MEMBER).contains("no longer verified"));
        assertTrue(UnlinkSubcommand.reply(new AdministerGuild.NotLinked(MEMBER), MEMBER).contains("not verified"));
    }
}
