package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.text.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every member-facing bundle in every language Gatehouse speaks: each translation has exactly the English keys, the same
 * placeholders ({n} with the same format type), parses as a {@link MessageFormat} and has no straight apostrophe that
 * MessageFormat would swallow. A failure lists every problem, each naming the file and key, and for a missing key the
 * line to add (in English, to be translated).
 */
class TranslationsTest {
    /** The bundles members read, by base name. Admin texts (adapter-discord's admin.properties) are English only. */
    static final List<String> BUNDLES = List.of(
            "dev/gatehouse/core/text/durations",
            "dev/gatehouse/mail/messages",
            "dev/gatehouse/web/messages",
            "dev/gatehouse/discord/messages");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*(\\d+)\\s*(?:,\\s*(\\w+))?");
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");
    /** Discord's rule for command and option names (lower case where the script has case). */
    private static final Pattern DISCORD_NAME = Pattern.compile("^[-_\\p{L}\\p{N}]{1,32}$");

    @Test
    void everyTranslationHasTheEnglishKeysAndPlaceholdersAndParses() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String bundle : BUNDLES) {
            Map<String, String> english = load(bundle + ".properties", problems);
            assertTrue(english.size() > 5, bundle + " has its English texts");
            check(bundle + ".properties", english, english, Locale.ENGLISH, problems);
            for (Locale language : Languages.SUPPORTED.subList(1, Languages.SUPPORTED.size())) {
                String file = bundle + "_" + language.toString() + ".properties";
                Map<String, String> translated = load(file, problems);
                check(file, english, translated, language, problems);
            }
        }
        assertEquals("", String.join("\n", problems), problems.size() + " problem(s) in the translations");
    }

    private static void check(String file, Map<String, String> english, Map<String, String> translated, Locale language,
                              List<String> problems) {
        for (Map.Entry<String, String> entry : english.entrySet()) {
            if (!translated.containsKey(entry.getKey())) {
                problems.add(file + ": missing key '" + entry.getKey() + "'; add: " + entry.getKey() + "=" + entry.getValue());
            }
        }
        for (Map.Entry<String, String> entry : translated.entrySet()) {
            String key = entry.getKey();
            String text = entry.getValue();
            if (!english.containsKey(key)) {
                problems.add(file + ": key '" + key + "' is not in the English bundle (renamed or removed there?)");
                continue;
            }
            if (key.endsWith("moment.pattern")) {
                try {
                    DateTimeFormatter.ofPattern(text, language);
                } catch (IllegalArgumentException e) {
                    problems.add(file + ": '" + key + "' is not a DateTimeFormatter pattern: " + e.getMessage());
                }
                continue;
            }
            try {
                new MessageFormat(text, language);
            } catch (IllegalArgumentException e) {
                problems.add(file + ": '" + key + "' is not valid MessageFormat (" + e.getMessage() + "): " + text);
                continue;
            }
            if (!placeholders(text).equals(placeholders(english.get(key)))) {
                problems.add(file + ": '" + key + "' has placeholders " + placeholders(text) + " but English has "
                        + placeholders(english.get(key)) + ": " + text);
            }
            if (LONE_APOSTROPHE.matcher(text).find()) {
                problems.add(file + ": '" + key + "' has a single ' that MessageFormat would swallow (write '' or ’): " + text);
            }
            if (file.startsWith("dev/gatehouse/discord/")) {
                checkDiscordLimits(file, key, text, language, problems);
            }
        }
    }

    /** Discord refuses a command whose names or descriptions break its limits, so the whole registration would fail. */
    private static void checkDiscordLimits(String file, String key, String text, Locale language, List<String> problems) {
        if (key.endsWith(".name") && (!DISCORD_NAME.matcher(text).matches() || !text.equals(text.toLowerCase(language)))) {
            problems.add(file + ": '" + key + "' is not a Discord command name (1-32 lower-case letters, digits, - or _): " + text);
        }
        if ((key.endsWith(".description") || key.startsWith("verify.option.")) && text.length() > 100) {
            problems.add(file + ": '" + key + "' is " + text.length() + " characters; Discord allows 100: " + text);
        }
        if ((key.endsWith(".button") || key.equals("verify.tryAgain") || key.equals("verify.continueToSite")) && text.length() > 80) {
            problems.add(file + ": '" + key + "' is " + text.length() + " characters; a Discord button label allows 80");
        }
    }

    /** Each argument with its format type, such as {@code 0} or {@code 1,number}. */
    static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1) + (m.group(2) == null ? "" : "," + m.group(2)));
        }
        return found;
    }

    private static Map<String, String> load(String resource, List<String> problems) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        try (InputStream in = TranslationsTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                problems.add(resource + ": missing (every language needs its file; copy the English one and translate it)");
                return texts;
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        }
        return texts;
    }

    @Test
    void theCheckNamesTheFileAndKeyOfEachProblem() {
        List<String> problems = new ArrayList<>();
        check("x_de.properties", Map.of("a", "Hello {0}", "b", "Bye"), Map.of("a", "Hallo", "c", "x", "b", "Tschüs {0"),
                Locale.GERMAN, problems);
        assertEquals(List.of(
                "x_de.properties: 'a' has placeholders [] but English has [0]: Hallo",
                "x_de.properties: 'b' is not valid MessageFormat (Unmatched braces in the pattern.): Tschüs {0",
                "x_de.properties: key 'c' is not in the English bundle (renamed or removed there?)"),
                problems.stream().sorted().toList());
        assertEquals(Set.of("0", "1,number"), placeholders("{0} and {1,number,#} and {0}"));
        problems.clear();
        check("y_fr.properties", Map.of("k", "Don''t"), Map.of("k", "N'importe"), Locale.FRENCH, problems);
        assertEquals(List.of("y_fr.properties: 'k' has a single ' that MessageFormat would swallow (write '' or ’): N'importe"), problems);
    }
}
