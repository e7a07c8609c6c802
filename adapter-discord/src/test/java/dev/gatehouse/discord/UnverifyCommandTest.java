package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static dev.gatehouse.discord.ReplyFixtures.MEMBER;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.port.in.AdministerGuild;
import org.junit.jupiter.api.Test;

/** What a member reads after /unverify. */
class UnverifyCommandTest {
    @Test
    void unverifySaysWhetherThereWasAVerificationToRemove() {
        assertTrue(UnverifyCommand.reply(new AdministerGuild.Unlinked(LINK)).contains("no longer verified"));
        assertTrue(UnverifyCommand.reply(new AdministerGuild.NotLinked(MEMBER)).contains("nothing to remove"));
    }
}
