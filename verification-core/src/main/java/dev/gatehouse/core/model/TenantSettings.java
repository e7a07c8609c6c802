package dev.gatehouse.core.model;

import dev.gatehouse.core.text.Languages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One organisation's rules: name shown to members, how members verify (emailed link or hand-off to the
 * organisation's site or sign-in with its identity provider), link lifetime, the question asked first (servers may override it), limits and policies,
 * and how long finished links, hand-offs and wrong answers are kept.
 *
 * @param id the tenant
 * @param displayName the name shown to members
 * @param sessionLifetime how long an emailed link works, 1 minute to 24 hours
 * @param unknownUserReply what an unknown user id is told
 * @param relinkPolicy what happens when a linked account verifies again
 * @param guildBinding who may bind servers to the tenant
 * @param rateLimits the limits on requests and answers
 * @param method how members verify
 * @param handoff the hand-off to the organisation's site
 * @param question the question asked first, if any
 * @param retention how long finished records are kept after they expire, 1 to 3650 days
 * @param defaultLanguage the language for members whose own isn't known, one of {@link Languages#SUPPORTED}
 * @param timeZone the zone in which emails and pages show times
 * @param oidc the organisation's OpenID Connect provider, used when {@code method} is {@link VerificationMethod#OIDC}
 * @param verificationLifetime how long a verification holds before the member must verify again
 * @param reminderBefore how long before a verification lapses the member is reminded; zero for no reminder, shorter
 *                       than a fixed lifetime and than a year
 */
public record TenantSettings(
        TenantId id,
        String displayName,
        Duration sessionLifetime,
        UnknownUserReply unknownUserReply,
        RelinkPolicy relinkPolicy,
        GuildBindingPolicy guildBinding,
        RateLimits rateLimits,
        VerificationMethod method,
        HandoffSettings handoff,
        Optional<VerificationQuestion> question,
        Duration retention,
        Locale defaultLanguage,
        ZoneId timeZone,
        OidcSettings oidc,
        VerificationLifetime verificationLifetime,
        Duration reminderBefore) {

    /** How long an emailed link works unless a tenant says otherwise. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofMinutes(10);
    /** How long finished links, hand-offs and wrong answers are kept after they expire, unless a tenant says otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** At least a day: the 24-hour wrong-answer count behind kicks reads the log. */
    public static final Duration MIN_RETENTION = Duration.ofDays(1);
    /** At most ten years. */
    public static final Duration MAX_RETENTION = Duration.ofDays(3650);
    /** The language of emails to members whose own language isn't known. */
    public static final Locale DEFAULT_LANGUAGE = Languages.ENGLISH;
    /** The zone in which emails and pages show times. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");
    /** A week's notice before a verification lapses, unless a tenant says otherwise. */
    public static final Duration DEFAULT_REMINDER_BEFORE = Duration.ofDays(7);

    public TenantSettings {
        Objects.requireNonNull(id, "id");
        displayName = Texts.requireText("tenant display name", displayName, 100).strip();
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(unknownUserReply, "unknownUserReply");
        Objects.requireNonNull(relinkPolicy, "relinkPolicy");
        Objects.requireNonNull(guildBinding, "guildBinding");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        if (Languages.match(defaultLanguage).filter(defaultLanguage::equals).isEmpty()) {
            throw new IllegalArgumentException("unsupported language " + defaultLanguage.toLanguageTag() + "; supported are "
                    + Languages.tags());
        }
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(oidc, "oidc");
        if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("records are kept between 1 and 3650 days, got " + retention.toDays() + " days");
        }
        if (sessionLifetime.compareTo(Duration.ofMinutes(1)) < 0 || sessionLifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("a link lives between 1 minute and 24 hours, got " + sessionLifetime);
        }
        Objects.requireNonNull(verificationLifetime, "verificationLifetime");
        Objects.requireNonNull(reminderBefore, "reminderBefore");
        if (reminderBefore.isNegative() || reminderBefore.compareTo(Duration.ofDays(365)) >= 0) {
            throw new IllegalArgumentException("the reminder goes out between 0 (none) and 364 days before a verification lapses, got "
                    + reminderBefore);
        }
        if (verificationLifetime instanceof VerificationLifetime.Lasting lasting
                && reminderBefore.compareTo(lasting.duration()) >= 0) {
            throw new IllegalArgumentException("the reminder " + reminderBefore + " before the end must be shorter than the verification"
                    + " lifetime " + lasting.duration() + "; set a shorter reminder (0 for none)");
        }
    }

    /**
     * Settings whose verifications hold forever.
     *
     * @param id the tenant
     * @param displayName the name shown to members
     * @param sessionLifetime how long an emailed link works, 1 minute to 24 hours
     * @param unknownUserReply what an unknown user id is told
     * @param relinkPolicy what happens when a linked account verifies again
     * @param guildBinding who may bind servers to the tenant
     * @param rateLimits the limits on requests and answers
     * @param method how members verify
     * @param handoff the hand-off to the organisation's site
     * @param question the question asked first, if any
     * @param retention how long finished records are kept after they expire, 1 to 3650 days
     * @param defaultLanguage the language for members whose own isn't known, one of {@link Languages#SUPPORTED}
     * @param timeZone the zone in which emails and pages show times
     * @param oidc the organisation's OpenID Connect provider, used when {@code method} is {@link VerificationMethod#OIDC}
     */
    public TenantSettings(TenantId id, String displayName, Duration sessionLifetime, UnknownUserReply unknownUserReply,
                          RelinkPolicy relinkPolicy, GuildBindingPolicy guildBinding, RateLimits rateLimits,
                          VerificationMethod method, HandoffSettings handoff, Optional<VerificationQuestion> question,
                          Duration retention, Locale defaultLanguage, ZoneId timeZone, OidcSettings oidc) {
        this(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits, method, handoff, question,
                retention, defaultLanguage, timeZone, oidc, new VerificationLifetime.Forever(), DEFAULT_REMINDER_BEFORE);
    }

    /**
     * When a verification made (or last renewed) at {@code linkedAt} lapses.
     *
     * @param linkedAt the link's time
     * @return the moment it lapses, or empty if it holds forever
     */
    public Optional<Instant> verificationHoldsUntil(Instant linkedAt) {
        return verificationLifetime.until(linkedAt, reminderBefore, timeZone);
    }

    /**
     * Links made before this have lapsed by {@code now}.
     *
     * @param now the time to judge at
     * @return the cutoff, or empty if verifications hold forever
     */
    public Optional<Instant> lapseCutoff(Instant now) {
        return verificationLifetime.lapseCutoff(now, reminderBefore, timeZone);
    }

    /**
     * Links made before this are due for their reminder at {@code now} (they lapse within {@link #reminderBefore}).
     *
     * @param now the time to judge at
     * @return the cutoff, or empty if verifications hold forever or no reminder is sent
     */
    public Optional<Instant> reminderCutoff(Instant now) {
        if (reminderBefore.isZero()) {
            return Optional.empty();
        }
        return verificationLifetime.lapseCutoff(now.plus(reminderBefore), reminderBefore, timeZone);
    }

    /**
     * Whether a member verified at {@code linkedAt} may renew their verification now: from the moment their reminder
     * is due (or, without a reminder, once it lapsed) until the sweep ends it.
     *
     * @param linkedAt the link's time
     * @param now the time of the renewal
     * @return whether verifying again renews the link
     */
    public boolean mayRenew(Instant linkedAt, Instant now) {
        return verificationLifetime.lapseCutoff(now.plus(reminderBefore), reminderBefore, timeZone).filter(linkedAt::isBefore).isPresent();
    }

    /**
     * A copy with another verification lifetime and reminder, checked together.
     *
     * @param lifetime how long a verification holds
     * @param before how long before a verification lapses the member is reminded; zero for no reminder
     * @return the copy
     */
    public TenantSettings withReverification(VerificationLifetime lifetime, Duration before) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                method, handoff, question, retention, defaultLanguage, timeZone, oidc, lifetime, before);
    }

    /**
     * Settings speaking the given language to members whose own isn't known, with no identity provider configured.
     *
     * @param id the tenant
     * @param displayName the name shown to members
     * @param sessionLifetime how long an emailed link works, 1 minute to 24 hours
     * @param unknownUserReply what an unknown user id is told
     * @param relinkPolicy what happens when a linked account verifies again
     * @param guildBinding who may bind servers to the tenant
     * @param rateLimits the limits on requests and answers
     * @param method how members verify
     * @param handoff the hand-off to the organisation's site
     * @param question the question asked first, if any
     * @param retention how long finished records are kept after they expire, 1 to 3650 days
     * @param defaultLanguage the language for members whose own isn't known, one of {@link Languages#SUPPORTED}
     * @param timeZone the zone in which emails and pages show times
     */
    public TenantSettings(TenantId id, String displayName, Duration sessionLifetime, UnknownUserReply unknownUserReply,
                          RelinkPolicy relinkPolicy, GuildBindingPolicy guildBinding, RateLimits rateLimits,
                          VerificationMethod method, HandoffSettings handoff, Optional<VerificationQuestion> question,
                          Duration retention, Locale defaultLanguage, ZoneId timeZone) {
        this(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits, method, handoff, question,
                retention, defaultLanguage, timeZone, OidcSettings.none());
    }

    /**
     * Settings with the given identity provider, speaking English to members whose language isn't known, times in UTC.
     *
     * @param id the tenant
     * @param displayName the name shown to members
     * @param sessionLifetime how long an emailed link works, 1 minute to 24 hours
     * @param unknownUserReply what an unknown user id is told
     * @param relinkPolicy what happens when a linked account verifies again
     * @param guildBinding who may bind servers to the tenant
     * @param rateLimits the limits on requests and answers
     * @param method how members verify
     * @param handoff the hand-off to the organisation's site
     * @param question the question asked first, if any
     * @param retention how long finished records are kept after they expire, 1 to 3650 days
     * @param oidc the organisation's OpenID Connect provider
     */
    public TenantSettings(TenantId id, String displayName, Duration sessionLifetime, UnknownUserReply unknownUserReply,
                          RelinkPolicy relinkPolicy, GuildBindingPolicy guildBinding, RateLimits rateLimits,
                          VerificationMethod method, HandoffSettings handoff, Optional<VerificationQuestion> question,
                          Duration retention, OidcSettings oidc) {
        this(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits, method, handoff, question,
                retention, DEFAULT_LANGUAGE, DEFAULT_TIME_ZONE, oidc);
    }

    /**
     * Settings kept for the default retention of 30 days, in English and UTC, with no identity provider configured.
     *
     * @param id the tenant
     * @param displayName the name shown to members
     * @param sessionLifetime how long an emailed link works, 1 minute to 24 hours
     * @param unknownUserReply what an unknown user id is told
     * @param relinkPolicy what happens when a linked account verifies again
     * @param guildBinding who may bind servers to the tenant
     * @param rateLimits the limits on requests and answers
     * @param method how members verify
     * @param handoff the hand-off to the organisation's site
     * @param question the question asked first, if any
     */
    public TenantSettings(TenantId id, String displayName, Duration sessionLifetime, UnknownUserReply unknownUserReply,
                          RelinkPolicy relinkPolicy, GuildBindingPolicy guildBinding, RateLimits rateLimits,
                          VerificationMethod method, HandoffSettings handoff, Optional<VerificationQuestion> question) {
        this(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits, method, handoff, question,
                DEFAULT_RETENTION);
    }

    /**
     * Settings speaking English to members whose language isn't known, with times in UTC.
     *
     * @param id the tenant
     * @param displayName the name shown to members
     * @param sessionLifetime how long an emailed link works
     * @param unknownUserReply what an unknown user id is told
     * @param relinkPolicy what happens when a linked account verifies again
     * @param guildBinding who may bind servers to the tenant
     * @param rateLimits the limits on requests and answers
     * @param method how members verify
     * @param handoff the hand-off to the organisation's site
     * @param question the question asked first, if any
     * @param retention how long finished records are kept after they expire
     */
    public TenantSettings(TenantId id, String displayName, Duration sessionLifetime, UnknownUserReply unknownUserReply,
                          RelinkPolicy relinkPolicy, GuildBindingPolicy guildBinding, RateLimits rateLimits,
                          VerificationMethod method, HandoffSettings handoff, Optional<VerificationQuestion> question,
                          Duration retention) {
        this(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits, method, handoff, question,
                retention, DEFAULT_LANGUAGE, DEFAULT_TIME_ZONE, OidcSettings.none());
    }

    /**
     * Safe defaults: emailed links living 10 minutes (ASVS 5.0 6.5.5, Level 2), no question, no enumeration, relink refused, operator
     * binds servers, default limits, records kept 30 days.
     *
     * @param id the tenant
     * @param displayName the name shown to members
     * @return the settings
     */
    public static TenantSettings defaults(TenantId id, String displayName) {
        return new TenantSettings(id, displayName, DEFAULT_SESSION_LIFETIME, UnknownUserReply.SAME_AS_KNOWN,
                RelinkPolicy.REFUSE, GuildBindingPolicy.OPERATOR_ONLY, RateLimits.defaults(), VerificationMethod.EMAIL_LINK,
                HandoffSettings.none(), Optional.empty());
    }


    /**
     * A copy with another display name.
     *
     * @param name the name shown to members
     * @return the copy
     */
    public TenantSettings withDisplayName(String name) {
        return new TenantSettings(id, name, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits, method,
                handoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another link lifetime.
     *
     * @param lifetime how long an emailed link works
     * @return the copy
     */
    public TenantSettings withSessionLifetime(Duration lifetime) {
        return new TenantSettings(id, displayName, lifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits, method,
                handoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another reply to unknown user ids.
     *
     * @param reply what an unknown user id is told
     * @return the copy
     */
    public TenantSettings withUnknownUserReply(UnknownUserReply reply) {
        return new TenantSettings(id, displayName, sessionLifetime, reply, relinkPolicy, guildBinding, rateLimits, method,
                handoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another relink policy.
     *
     * @param policy what happens when a linked account verifies again
     * @return the copy
     */
    public TenantSettings withRelinkPolicy(RelinkPolicy policy) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, policy, guildBinding, rateLimits, method,
                handoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another server binding policy.
     *
     * @param policy who may bind servers
     * @return the copy
     */
    public TenantSettings withGuildBinding(GuildBindingPolicy policy) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, policy, rateLimits, method,
                handoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another set of rate limits.
     *
     * @param limits the limits
     * @return the copy
     */
    public TenantSettings withRateLimits(RateLimits limits) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, limits, method,
                handoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another verification method.
     *
     * @param newMethod how members verify
     * @return the copy
     */
    public TenantSettings withMethod(VerificationMethod newMethod) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                newMethod, handoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another hand-off.
     *
     * @param newHandoff the hand-off settings
     * @return the copy
     */
    public TenantSettings withHandoff(HandoffSettings newHandoff) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                method, newHandoff, question, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another identity provider.
     *
     * @param newOidc the OpenID Connect settings
     * @return the copy
     */
    public TenantSettings withOidc(OidcSettings newOidc) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                method, handoff, question, retention, defaultLanguage, timeZone, newOidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another question.
     *
     * @param newQuestion the question asked first, or empty for none
     * @return the copy
     */
    public TenantSettings withQuestion(Optional<VerificationQuestion> newQuestion) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                method, handoff, newQuestion, retention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another retention.
     *
     * @param newRetention how long finished records are kept
     * @return the copy
     */
    public TenantSettings withRetention(Duration newRetention) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                method, handoff, question, newRetention, defaultLanguage, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another default language.
     *
     * @param language the language for members whose own isn't known
     * @return the copy
     */
    public TenantSettings withDefaultLanguage(Locale language) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                method, handoff, question, retention, language, timeZone, oidc, verificationLifetime, reminderBefore);
    }

    /**
     * A copy with another time zone.
     *
     * @param zone the zone in which times are shown
     * @return the copy
     */
    public TenantSettings withTimeZone(ZoneId zone) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits,
                method, handoff, question, retention, defaultLanguage, zone, oidc, verificationLifetime, reminderBefore);
    }
}
