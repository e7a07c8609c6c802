package dev.gatehouse.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.port.out.TokenSource;
import dev.gatehouse.core.port.out.VerificationLinks;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void directoryUserIdsAreNormalisedSoCaseAndSpaceDoNotMakeANewUser() {
        assertEquals(new DirectoryUserId("jdoe42"), new DirectoryUserId("  JDoe42\t"));
        assertEquals(new DirectoryUserId("ａｂｃ"), new DirectoryUserId("abc"), "full-width letters fold to ASCII");
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> new DirectoryUserId("x".repeat(129)));
        assertTrue(tooLong.getMessage().contains("longer than 128"));
        assertThrows(IllegalArgumentException.class, () -> new DirectoryUserId("a b"));
        assertThrows(IllegalArgumentException.class, () -> new DirectoryUserId("a\u0000b"));
    }

    @Test
    void emailAddressesAreCheckedAndMaskedForTheRequester() {
        assertEquals("Jane.Doe@uni.example.edu", new EmailAddress(" Jane.Doe@UNI.Example.EDU ").value());
        assertEquals("j•••@u•••.edu", new EmailAddress("jane.doe@uni.example.edu").masked());
        for (String bad : new String[] {"", "jane", "@uni.edu", "jane@", "jane@localhost", "ja ne@uni.edu", "jane@uni.edu\r\nBcc: x@y.z",
                "jane..doe@uni.edu", "a".repeat(65) + "@uni.edu", "jane@-uni.edu"}) {
            assertThrows(IllegalArgumentException.class, () -> new EmailAddress(bad), bad);
        }
    }

    @Test
    void snowflakesParseFromTextWithClearErrors() {
        assertEquals(new GuildId(123456789012345678L), GuildId.parse(" 123456789012345678 "));
        IllegalArgumentException letters = assertThrows(IllegalArgumentException.class, () -> DiscordUserId.parse("12abc"));
        assertTrue(letters.getMessage().contains("digits only"));
        assertThrows(IllegalArgumentException.class, () -> GuildId.parse("99999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> new RoleId(0));
    }

    @Test
    void tenantIdsAreSlugs() {
        assertEquals("cs101", new TenantId(" CS101 ").value());
        assertThrows(IllegalArgumentException.class, () -> new TenantId("cs 101"));
        assertThrows(IllegalArgumentException.class, () -> new TenantId("-cs"));
    }

    @Test
    void nicknamesAreCutAt32CharactersWithoutSplittingOne() {
        assertEquals("Jane Doe", new DisplayName("Jane Doe").asNickname());
        String emoji = "😀".repeat(40);
        String cut = new DisplayName(emoji).asNickname();
        assertEquals(32, cut.codePointCount(0, cut.length()));
        assertThrows(IllegalArgumentException.class, () -> new DisplayName("Jane\r\nDoe"));
    }

    @Test
    void tokensHave256RandomBitsNeverPrintAndAreStoredOnlyAsTheirHash() {
        TokenSource source = TokenSource.secureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            VerificationToken token = source.next();
            assertEquals(43, token.reveal().length());
            assertTrue(seen.add(token.reveal()));
            assertEquals("[redacted]", token.toString());
            assertFalse(token.hash().hex().contains(token.reveal()));
            assertEquals(token.hash(), VerificationToken.of(token.reveal()).hash());
        }
        assertEquals(Optional.empty(), VerificationToken.parse("short"));
        assertEquals(Optional.empty(), VerificationToken.parse("+".repeat(43)));
    }

    @Test
    void theBackoffDoublesEveryFiveFailuresUpToADay() {
        Backoff backoff = Backoff.standard();
        assertEquals(Duration.ZERO, backoff.waitAfter(4));
        assertEquals(Duration.ofSeconds(10), backoff.waitAfter(5));
        assertEquals(Duration.ofSeconds(10), backoff.waitAfter(9));
        assertEquals(Duration.ofSeconds(20), backoff.waitAfter(10));
        assertEquals(Duration.ofSeconds(40), backoff.waitAfter(15));
        assertEquals(Duration.ofSeconds(80), backoff.waitAfter(20));
        assertEquals(Duration.ofDays(1), backoff.waitAfter(1_000_000));
    }

    @Test
    void linksAreBuiltFromTheConfiguredBaseOnly() {
        VerificationLinks links = VerificationLinks.under(URI.create("https://verify.example.edu/gatehouse/"));
        VerificationToken token = VerificationToken.of("A".repeat(43));
        assertEquals(URI.create("https://verify.example.edu/gatehouse/verify/" + "A".repeat(43)), links.confirmLink(token));
        assertEquals(URI.create("https://verify.example.edu/gatehouse/deny/" + "A".repeat(43)), links.denyLink(token));
        assertThrows(IllegalArgumentException.class, () -> VerificationLinks.under(URI.create("/relative")));
        assertThrows(IllegalArgumentException.class, () -> VerificationLinks.under(URI.create("ftp://example.edu")));
    }

    @Test
    void tenantSettingsRefuseAbsurdLifetimes() {
        TenantSettings defaults = TenantSettings.defaults(new TenantId("cs101"), "CS 101");
        assertEquals(Duration.ofMinutes(10), defaults.sessionLifetime());
        assertThrows(IllegalArgumentException.class, () -> defaults.withSessionLifetime(Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> defaults.withSessionLifetime(Duration.ofDays(2)));
        assertNotEquals(defaults, defaults.withRelinkPolicy(RelinkPolicy.ALLOW_SELF_SERVICE));
    }

    @Test
    void aLinksLanguageIsOneGatehouseSpeaks() {
        Link unknown = new Link(new TenantId("cs101"), new DiscordUserId(1001), new DirectoryUserId("jdoe42"), java.time.Instant.EPOCH,
                LinkOrigin.EMAIL);
        assertEquals(Optional.empty(), unknown.language());
        Link german = new Link(unknown.tenant(), unknown.discordUser(), unknown.directoryUser(), unknown.linkedAt(), unknown.origin(),
                Optional.of(java.util.Locale.GERMAN));
        assertEquals(Optional.of(java.util.Locale.GERMAN), german.language());
        for (String tag : new String[] {"it", "de-AT", "pt"}) {
            assertThrows(IllegalArgumentException.class, () -> new Link(unknown.tenant(), unknown.discordUser(), unknown.directoryUser(),
                    unknown.linkedAt(), unknown.origin(), Optional.of(java.util.Locale.forLanguageTag(tag))), tag);
        }
    }
}
