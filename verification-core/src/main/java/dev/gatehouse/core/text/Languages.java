package dev.gatehouse.core.text;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The languages Gatehouse speaks to members, and how a requested language maps onto one of them: {@code de-AT}
 * is German, {@code pt} and {@code pt-PT} are Brazilian Portuguese, {@code en-GB} is English; anything else falls
 * back to English.
 */
public final class Languages {
    /** English, the fallback. */
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** Brazilian Portuguese, which every Portuguese tag maps to. */
    public static final Locale BRAZILIAN_PORTUGUESE = Locale.forLanguageTag("pt-BR");
    /** English first: it is the fallback and the bundles' base. */
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"),
            BRAZILIAN_PORTUGUESE);

    private Languages() {
    }

    /**
     * The supported language closest to {@code requested}, if any matches its language.
     *
     * @param requested the language asked for
     * @return the supported language, or empty
     */
    public static Optional<Locale> match(Locale requested) {
        Objects.requireNonNull(requested, "requested");
        String language = requested.getLanguage();
        for (Locale supported : SUPPORTED) {
            if (supported.getLanguage().equals(language)) {
                return Optional.of(supported);
            }
        }
        return Optional.empty();
    }

    /**
     * The supported language for a BCP 47 tag ({@code de}, {@code pt-BR}, {@code en-US}), if any.
     *
     * @param tag the tag
     * @return the supported language, or empty if none matches (or the tag is blank)
     */
    public static Optional<Locale> ofTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        return match(Locale.forLanguageTag(tag.strip().replace('_', '-')));
    }

    /**
     * {@link #ofTag} for an operator's setting: an unsupported tag is an error naming the supported ones.
     *
     * @param tag the tag
     * @return the supported language
     * @throws IllegalArgumentException if none matches
     */
    public static Locale requireSupported(String tag) {
        return ofTag(tag).filter(l -> l.getLanguage().equals(Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage()))
                .orElseThrow(() -> new IllegalArgumentException("unsupported language '" + tag + "'; supported are " + tags()));
    }

    /**
     * The supported language, or English.
     *
     * @param requested the language asked for
     * @return the closest supported language, or English
     */
    public static Locale orEnglish(Locale requested) {
        return requested == null ? ENGLISH : match(requested).orElse(ENGLISH);
    }

    /**
     * The supported languages as tags: en, de, fr, es, pt-BR.
     *
     * @return the tags, English first
     */
    public static List<String> tags() {
        return SUPPORTED.stream().map(Locale::toLanguageTag).toList();
    }
}
