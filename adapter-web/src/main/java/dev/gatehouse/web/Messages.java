package dev.gatehouse.web;

import jakarta.inject.Singleton;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every text the pages show, from {@code dev/gatehouse/web/messages.properties}. Values are
 * {@link MessageFormat} patterns (English); arguments are inserted as given and escaped later by the template.
 */
@Singleton
final class Messages {
    static final String BUNDLE = "dev.gatehouse.web.messages";
    static final Locale LOCALE = Locale.ENGLISH;

    private final ResourceBundle bundle;
    private final DateTimeFormatter timeFormat;
    /** Each key's pattern, parsed once; a format is cloned for each use, as {@link MessageFormat} is not thread-safe. */
    private final Map<String, Optional<MessageFormat>> formats = new ConcurrentHashMap<>();

    Messages() {
        this.bundle = ResourceBundle.getBundle(BUNDLE, Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.timeFormat = DateTimeFormatter.ofPattern(bundle.getString("format.time"), LOCALE).withZone(ZoneOffset.UTC);
    }

    /** The formatted message, or empty if the bundle lacks the key. */
    Optional<String> find(String key, Object... arguments) {
        return formats.computeIfAbsent(key, this::parse)
                .map(format -> ((MessageFormat) format.clone()).format(arguments == null ? new Object[0] : arguments));
    }

    private Optional<MessageFormat> parse(String key) {
        try {
            return Optional.of(new MessageFormat(bundle.getString(key), LOCALE));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** The formatted message; a missing key is a programming error. */
    String get(String key, Object... arguments) {
        return find(key, arguments).orElseThrow(() -> new IllegalStateException("no message '" + key + "' in " + BUNDLE));
    }

    /** An instant as people read it on the pages, in UTC. */
    String time(Instant instant) {
        return timeFormat.format(instant);
    }

    List<String> keys() {
        return Collections.list(bundle.getKeys());
    }

    String raw(String key) {
        return bundle.getString(key);
    }
}
