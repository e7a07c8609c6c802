package dev.gatehouse.discord;

import dev.gatehouse.core.text.Languages;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every text the bot writes: members' texts from {@code dev/gatehouse/discord/messages[_<lang>].properties} in their
 * language, admins' from {@code admin.properties} (English for now; an {@code admin_<lang>.properties} would translate
 * them). Values are {@link MessageFormat} patterns; arguments are inserted as given, so callers escape untrusted text
 * with {@link Markdown} first. An unsupported language is English.
 */
final class Messages {
    static final String BUNDLE = "dev.gatehouse.discord.messages";
    static final String ADMIN_BUNDLE = "dev.gatehouse.discord.admin";
    static final Locale LOCALE = Locale.ENGLISH;

    private Messages() {
    }

    static ResourceBundle members(Locale language) {
        return ResourceBundle.getBundle(BUNDLE, Languages.orEnglish(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static ResourceBundle admins(Locale language) {
        return ResourceBundle.getBundle(ADMIN_BUNDLE, Languages.orEnglish(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The formatted message in English; a missing key is a programming error. */
    static String text(String key, Object... arguments) {
        return text(LOCALE, key, arguments);
    }

    /** The formatted message in {@code language} (a member's text), else the admins' text; a missing key is a programming error. */
    static String text(Locale language, String key, Object... arguments) {
        Locale supported = Languages.orEnglish(language);
        return new MessageFormat(pattern(supported, key), supported).format(arguments);
    }

    private static String pattern(Locale language, String key) {
        ResourceBundle members = members(language);
        if (members.containsKey(key)) {
            return members.getString(key);
        }
        ResourceBundle admins = admins(language);
        if (admins.containsKey(key)) {
            return admins.getString(key);
        }
        throw new IllegalStateException("no message '" + key + "' in " + BUNDLE + " or " + ADMIN_BUNDLE);
    }

    /** A plural: the pattern chooses by {@code n} (argument 0) and shows it as text (argument 1). */
    static String count(String key, long n) {
        return text(key, n, Long.toString(n));
    }

    /** Every key, the members' and the admins'. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>(Collections.list(members(LOCALE).getKeys()));
        keys.addAll(Collections.list(admins(LOCALE).getKeys()));
        return keys;
    }

    static String raw(String key) {
        return pattern(LOCALE, key);
    }
}
