package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static dev.gatehouse.discord.ReplyFixtures.MEMBER;
import static dev.gatehouse.discord.ReplyFixtures.NOW;
import static dev.gatehouse.discord.ReplyFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationDenied;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The notices admins read in the log channels. */
class LogNoticesTest {
    @Test
    void logNoticesNameTheAccountsAndTheDirectoryUser() {
        VerificationSession session = new VerificationSession(SessionId.random(), TENANT, new GuildId(7), "CS 101",
                new DiscordAccount(MEMBER, "eve_*"), new DirectoryUserId("jdoe"), new TokenHash("0".repeat(64)), NOW,
                NOW.plus(Duration.ofMinutes(15)), SessionState.DENIED);
        Instant until = NOW.plus(Duration.ofDays(1));
        String denied = LogNotices.deniedNotice(new VerificationDenied(session, until, NOW));
        assertTrue(denied.contains("<@42>") && denied.contains("id `42`") && denied.contains("eve\\_\\*")
                && denied.contains("`jdoe`") && denied.contains("until <t:" + until.getEpochSecond() + ":f>"), denied);
        assertFalse(LogNotices.deniedNotice(new VerificationDenied(session, NOW, NOW)).contains("until"), "no block, no date");

        assertTrue(LogNotices.verifiedNotice(new MemberVerified(LINK, new GuildId(7), NOW)).contains("confirmed by email"));
        assertTrue(LogNotices.unlinkedNotice(new MemberUnlinked(LINK, MEMBER, NOW)).contains("removed their verification as `jdoe`"));
        String byAdmin = LogNotices.unlinkedNotice(new MemberUnlinked(LINK, new DiscordUserId(43), NOW));
        assertTrue(byAdmin.contains("no longer verified as `jdoe`") && byAdmin.contains("unlinked by <@43>"), byAdmin);
    }
}
