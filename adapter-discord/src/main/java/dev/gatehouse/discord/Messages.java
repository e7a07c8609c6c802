package dev.gatehouse.discord;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every text the bot writes, from {@code dev/gatehouse/discord/messages.properties}, read like the web adapter's
 * messages. Values are {@link MessageFormat} patterns (English; a straight apostrophe is written twice); arguments are
 * inserted as given, so callers escape untrusted text with {@link Markdown} first.
 */
final class Messages {
    static final String BUNDLE = "dev.gatehouse.discord.messages";
    static final Locale LOCALE = Locale.ENGLISH;

    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(BUNDLE, Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    private Messages() {
    }

    /** The formatted message; a missing key is a programming error. */
    static String text(String key, Object... arguments) {
        if (!TEXTS.containsKey(key)) {
            throw new IllegalStateException("no message '" + key + "' in " + BUNDLE);
        }
        return new MessageFormat(TEXTS.getString(key), LOCALE).format(arguments);
    }

    /** A plural: the pattern chooses by {@code n} (argument 0) and shows it as text (argument 1). */
    static String count(String key, long n) {
        return text(key, n, Long.toString(n));
    }

    static List<String> keys() {
        return Collections.list(TEXTS.getKeys());
    }

    static String raw(String key) {
        return TEXTS.getString(key);
    }
}
