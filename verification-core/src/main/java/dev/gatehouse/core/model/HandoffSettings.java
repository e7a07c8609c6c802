package dev.gatehouse.core.model;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the hand-off sends members (the organisation's page), the shared signing secret, and how long a
 * hand-off stays usable. The site and secret are optional so an operator can set them one at a time;
 * status reports what is missing. {@code secretProblem} says why a secret the store holds can't be used (e.g. it
 * can't be decrypted with the configured keys); the secret is then absent, and a store keeps what it holds.
 *
 * @param siteUrl the organisation's page members are sent to, if set
 * @param secret the secret both sides sign with, if set and usable
 * @param lifetime how long a hand-off stays usable, 1 minute to 24 hours
 * @param secretProblem why a stored secret can't be used, if so
 */
public record HandoffSettings(Optional<URI> siteUrl, Optional<HandoffSecret> secret, Duration lifetime,
                              Optional<String> secretProblem) {
    /** How long a hand-off stays usable unless set otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);

    public HandoffSettings {
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(secretProblem, "secretProblem");
        if (secret.isPresent() && secretProblem.isPresent()) {
            throw new IllegalArgumentException("a hand-off secret is either usable or has a problem, not both");
        }
        secretProblem = secretProblem.map(p -> Texts.requireText("secret problem", p, 300));
        siteUrl.ifPresent(HandoffSettings::requireSiteUrl);
        if (lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("a hand-off lives between 1 minute and 24 hours, got " + lifetime);
        }
    }

    /**
     * Settings whose secret, if any, is usable.
     *
     * @param siteUrl the organisation's page, if set
     * @param secret the signing secret, if set
     * @param lifetime how long a hand-off stays usable
     */
    public HandoffSettings(Optional<URI> siteUrl, Optional<HandoffSecret> secret, Duration lifetime) {
        this(siteUrl, secret, lifetime, Optional.empty());
    }

    /**
     * Nothing configured yet; 30-minute lifetime.
     *
     * @return the settings
     */
    public static HandoffSettings none() {
        return new HandoffSettings(Optional.empty(), Optional.empty(), DEFAULT_LIFETIME);
    }

    /**
     * A copy sending members to another page.
     *
     * @param url the organisation's page, http or https
     * @return the copy
     */
    public HandoffSettings withSiteUrl(URI url) {
        return new HandoffSettings(Optional.of(url), secret, lifetime, secretProblem);
    }

    /**
     * A new secret; it replaces one that could not be used.
     *
     * @param newSecret the secret
     * @return the copy
     */
    public HandoffSettings withSecret(HandoffSecret newSecret) {
        return new HandoffSettings(siteUrl, Optional.of(newSecret), lifetime, Optional.empty());
    }

    /**
     * A copy with another lifetime.
     *
     * @param newLifetime how long a hand-off stays usable
     * @return the copy
     */
    public HandoffSettings withLifetime(Duration newLifetime) {
        return new HandoffSettings(siteUrl, secret, newLifetime, secretProblem);
    }

    /**
     * Parses and checks a site URL as an operator typed it.
     *
     * @param text the URL as typed
     * @return the URL
     * @throws IllegalArgumentException if it is not an absolute http(s) URL without fragment, at most 500 characters
     */
    public static URI parseSiteUrl(String text) {
        URI url;
        try {
            url = URI.create(Objects.requireNonNull(text, "text").strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hand-off site URL is not a URL: " + Texts.preview(text));
        }
        requireSiteUrl(url);
        return url;
    }

    static void requireSiteUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("the hand-off site URL must be an absolute http(s) URL, got " + Texts.preview(url.toString()));
        }
        if (url.getRawFragment() != null) {
            throw new IllegalArgumentException("the hand-off site URL can't have a #fragment");
        }
        if (url.toString().length() > 500) {
            throw new IllegalArgumentException("the hand-off site URL is longer than 500 characters");
        }
    }
}
