package dev.gatehouse.web;

import dev.gatehouse.core.text.Durations;
import dev.gatehouse.core.text.Languages;
import dev.gatehouse.core.text.Moments;
import jakarta.inject.Singleton;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every text the pages show, from {@code dev/gatehouse/web/messages[_<lang>].properties} in the reader's language
 * (English where Gatehouse doesn't speak it), and the callback's JSON messages from {@code callbacks.properties}
 * (English). Values are {@link MessageFormat} patterns; arguments are inserted as given and escaped later by the
 * template. Times and durations are worded by the core's shared formatters.
 */
@Singleton
final class Messages {
    static final String BUNDLE = "dev.gatehouse.web.messages";
    static final String CALLBACK_BUNDLE = "dev.gatehouse.web.callbacks";
    static final Locale LOCALE = Locale.ENGLISH;
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** Each language's and key's pattern, parsed once; a format is cloned for each use, as {@link MessageFormat} is not thread-safe. */
    private final Map<String, Optional<MessageFormat>> formats = new ConcurrentHashMap<>();

    static ResourceBundle bundle(Locale language) {
        return ResourceBundle.getBundle(BUNDLE, Languages.orEnglish(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static ResourceBundle callbacks() {
        return ResourceBundle.getBundle(CALLBACK_BUNDLE, Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The formatted message in English, or empty if no bundle has the key. */
    Optional<String> find(String key, Object... arguments) {
        return find(LOCALE, key, arguments);
    }

    /** The formatted message in {@code language}, or empty if no bundle has the key. */
    Optional<String> find(Locale language, String key, Object... arguments) {
        Locale supported = Languages.orEnglish(language);
        return formats.computeIfAbsent(supported.toLanguageTag() + "/" + key, k -> parse(supported, key))
                .map(format -> ((MessageFormat) format.clone()).format(arguments == null ? new Object[0] : arguments));
    }

    private static Optional<MessageFormat> parse(Locale language, String key) {
        try {
            ResourceBundle pages = bundle(language);
            String pattern = pages.containsKey(key) ? pages.getString(key) : callbacks().getString(key);
            return Optional.of(new MessageFormat(pattern, language));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** The formatted message in English; a missing key is a programming error. */
    String get(String key, Object... arguments) {
        return get(LOCALE, key, arguments);
    }

    /** The formatted message in {@code language}; a missing key is a programming error. */
    String get(Locale language, String key, Object... arguments) {
        return find(language, key, arguments).orElseThrow(() -> new IllegalStateException("no message '" + key + "' in " + BUNDLE));
    }

    /** An instant as people read it on the pages, in English and UTC. */
    String time(Instant instant) {
        return Moments.describe(instant, UTC, LOCALE);
    }

    /** An instant in {@code zone} with the zone named, in {@code language}. */
    String time(Instant instant, ZoneId zone, Locale language) {
        return Moments.describe(instant, zone, language);
    }

    String duration(Duration duration, Locale language) {
        return Durations.describe(duration, language);
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>(Collections.list(bundle(LOCALE).getKeys()));
        keys.addAll(Collections.list(callbacks().getKeys()));
        return keys;
    }

    String raw(String key) {
        ResourceBundle pages = bundle(LOCALE);
        return pages.containsKey(key) ? pages.getString(key) : callbacks().getString(key);
    }
}
