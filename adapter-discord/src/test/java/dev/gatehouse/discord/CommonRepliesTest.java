package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.discord.SetupCheck.Permission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Texts several commands share. */
class CommonRepliesTest {
    @Test
    void durationsReadNaturally() {
        assertEquals("1 second", CommonReplies.inWords(Duration.ZERO));
        assertEquals("15 minutes", CommonReplies.inWords(Duration.ofMinutes(15)));
        assertEquals("1 hour 30 minutes", CommonReplies.inWords(Duration.ofMinutes(90)), "as the email says it");
        assertEquals("1 hour 59 minutes", CommonReplies.inWords(Duration.ofMinutes(119)));
        assertEquals("2 hours", CommonReplies.inWords(Duration.ofMinutes(120)));
        assertEquals("2 hours 1 minute", CommonReplies.inWords(Duration.ofSeconds(7_201)));
    }

    @Test
    void everyWarningOfTheCoreHasItsWordsAndTenantTextInThemIsEscaped() {
        List<SetupWarning> every = List.of(new SetupWarning.VerificationOff(), new SetupWarning.HandoffSiteMissing(),
                new SetupWarning.HandoffSecretMissing(), new SetupWarning.HandoffSecretUnreadable("bad *key*"),
                new SetupWarning.HandoffSignerMissing(), new SetupWarning.QuestionWithoutAnswers("@everyone?"),
                new SetupWarning.NoVerifiedRole(), new SetupWarning.EmptyDirectory(), new SetupWarning.KickWithoutQuestion(),
                new SetupWarning.KickAfterRateLimit(3, Duration.ofMinutes(10), 5), new SetupWarning.JoinHintAndVerifyOnJoin(),
                new SetupWarning.GateWithoutRole(), new SetupWarning.OidcIssuerMissing(), new SetupWarning.OidcClientIdMissing(),
                new SetupWarning.OidcSecretMissing(), new SetupWarning.OidcSecretUnreadable("bad _key_"));
        assertEquals(SetupWarning.class.getPermittedSubclasses().length, every.stream().map(Object::getClass).distinct().count(),
                "one of each kind");
        List<String> words = every.stream().map(CommonReplies::warning).toList();
        assertEquals(every.size(), words.stream().distinct().count(), "each in its own words");
        assertEquals("Verification is switched off in this server: /verify is refused and joiners aren't asked.", words.get(0));
        assertEquals("The tenant's hand-off secret can't be decrypted: bad \\*key\\*", words.get(3));
        assertTrue(words.get(5).contains("\"@\u200Beveryone?\" has no accepted answers"), words.get(5));
        assertEquals("Members may try /verify only 3 times per 10 min, so their 5th wrong answer (the kick) comes only after a wait.",
                words.get(9));
        assertEquals("The tenant's client secret can't be decrypted: bad \\_key\\_", words.get(15));
    }

    @Test
    void theBotsOwnWarningsNameWhatToFix() {
        assertTrue(CommonReplies.warning(new SetupCheck.VerifiedRoleAboveBot()).contains("not above the verified role"));
        assertTrue(CommonReplies.warning(new SetupCheck.VerifiedRoleGone()).contains("no longer exists"));
        assertTrue(CommonReplies.warning(new SetupCheck.VerifiedRoleGone()).contains("`/gatehouse setup role:`"));
        assertTrue(CommonReplies.warning(new SetupCheck.FromCore(new SetupWarning.NoVerifiedRole())).startsWith("No verified role"));
        assertTrue(CommonReplies.warning(missing(Permission.MANAGE_ROLES)).contains("Manage Roles"));
        assertTrue(CommonReplies.warning(missing(Permission.MANAGE_NICKNAMES)).contains("Manage Nicknames"));
        assertTrue(CommonReplies.warning(missing(Permission.MANAGE_MESSAGES)).contains("Manage Messages"));
        assertTrue(CommonReplies.warning(missing(Permission.KICK_MEMBERS)).contains("Kick Members"));
    }

    private static SetupCheck.Warning missing(Permission permission) {
        return new SetupCheck.MissingPermission(permission);
    }
}
