package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundle holds every text the code asks for, and nothing else; its patterns read as written. */
class MessagesTest {
    private static final Pattern KEY_IN_CODE = Pattern.compile("(?:text|count)\\(\\s*\"([a-zA-Z]+(?:\\.[a-zA-Z]+)+)\"");
    private static final Pattern QUOTED_KEY = Pattern.compile("\"([a-zA-Z]+(?:\\.[a-zA-Z]+)+)\"");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void everyKeyTheCodeAsksForIsInTheBundleAndEveryBundleKeyIsUsed() throws IOException {
        String code = mainSources();
        Set<String> asked = matches(KEY_IN_CODE, code);
        Set<String> bundled = new TreeSet<>(Messages.keys());
        assertFalse(asked.isEmpty(), "the scan finds keys");
        Set<String> missing = new TreeSet<>(asked);
        missing.removeAll(bundled);
        assertEquals(Set.of(), missing, "asked for but not in the bundle");
        Set<String> unused = new TreeSet<>(bundled);
        unused.removeAll(matches(QUOTED_KEY, code));
        unused.removeIf(key -> key.endsWith(".name") && code.contains("\"" + key.substring(0, key.length() - ".name".length()) + "\""));
        assertEquals(Set.of(), unused, "in the bundle but named nowhere in the code");
    }

    @Test
    void everyPatternParsesAndWritesItsApostrophesTwice() {
        for (String key : Messages.keys()) {
            String pattern = Messages.raw(key);
            new MessageFormat(pattern, Messages.LOCALE);
            assertFalse(LONE_APOSTROPHE.matcher(pattern).find(), key + " has a single ' that MessageFormat would swallow: " + pattern);
        }
    }

    @Test
    void apostrophesNumbersAndPluralsComeOutAsEnglishReadsThem() {
        assertEquals("This server isn't set up for verification yet. A server admin can run `/gatehouse setup`.",
                Messages.text("common.notSetUp"));
        assertEquals("**Verified members (whole tenant):** 12345", Messages.text("status.linkedMembers", 12345));
        assertEquals("30 seconds", CommonReplies.inWords(java.time.Duration.ofSeconds(30)));
        assertEquals("1000 attempts", Messages.count("answers.attempts", 1000));
        assertEquals("0 members", Messages.count("answers.members", 0));
        assertThrows(IllegalStateException.class, () -> Messages.text("no.such.key"));
    }

    @Test
    void membersReadTheirLanguageAndAnyOtherIsEnglishWhileAdminTextsStayEnglish() {
        assertEquals("Verifizieren", Messages.text(java.util.Locale.forLanguageTag("de-AT"), "verify.button"));
        assertEquals("Verificar", Messages.text(java.util.Locale.forLanguageTag("pt-PT"), "verify.button"));
        assertEquals("Verify", Messages.text(java.util.Locale.JAPANESE, "verify.button"));
        assertEquals("Verify", Messages.text(java.util.Locale.forLanguageTag("xx-YY"), "verify.button"));
        assertEquals("**Needs attention:**", Messages.text(java.util.Locale.GERMAN, "common.needsAttention"));
        assertEquals("Sie haben in kurzer Zeit mehrere Links angefordert. Versuchen Sie es in 1 Stunde und 30 Minuten erneut.",
                VerifyCommand.reply(new dev.gatehouse.core.port.in.RequestVerification.RateLimited(
                        dev.gatehouse.core.port.in.RequestVerification.Limit.REQUESTER, java.time.Duration.ofMinutes(90)),
                        java.util.Locale.GERMAN));
    }

    private static String mainSources() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/gatehouse/discord"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(file)).append('\n');
            }
        }
        return code.toString();
    }

    private static Set<String> matches(Pattern pattern, String code) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(code);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
