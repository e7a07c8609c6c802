package dev.gatehouse.core.model;

import java.time.Duration;
import java.util.Objects;

/** One organisation's directory rules: name shown to members, link lifetime, limits and policies. */
public record TenantSettings(
        TenantId id,
        String displayName,
        Duration sessionLifetime,
        UnknownUserReply unknownUserReply,
        RelinkPolicy relinkPolicy,
        GuildBindingPolicy guildBinding,
        RateLimits rateLimits) {

    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofMinutes(15);

    public TenantSettings {
        Objects.requireNonNull(id, "id");
        displayName = Texts.requireText("tenant display name", displayName, 100).strip();
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(unknownUserReply, "unknownUserReply");
        Objects.requireNonNull(relinkPolicy, "relinkPolicy");
        Objects.requireNonNull(guildBinding, "guildBinding");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (sessionLifetime.compareTo(Duration.ofMinutes(1)) < 0 || sessionLifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("a link lives between 1 minute and 24 hours, got " + sessionLifetime);
        }
    }

    /** Safe defaults: 15-minute links, no enumeration, relink refused, operator binds servers, default limits. */
    public static TenantSettings defaults(TenantId id, String displayName) {
        return new TenantSettings(id, displayName, DEFAULT_SESSION_LIFETIME, UnknownUserReply.SAME_AS_KNOWN,
                RelinkPolicy.REFUSE, GuildBindingPolicy.OPERATOR_ONLY, RateLimits.defaults());
    }

    public TenantSettings withSessionLifetime(Duration lifetime) {
        return new TenantSettings(id, displayName, lifetime, unknownUserReply, relinkPolicy, guildBinding, rateLimits);
    }

    public TenantSettings withUnknownUserReply(UnknownUserReply reply) {
        return new TenantSettings(id, displayName, sessionLifetime, reply, relinkPolicy, guildBinding, rateLimits);
    }

    public TenantSettings withRelinkPolicy(RelinkPolicy policy) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, policy, guildBinding, rateLimits);
    }

    public TenantSettings withGuildBinding(GuildBindingPolicy policy) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, policy, rateLimits);
    }

    public TenantSettings withRateLimits(RateLimits limits) {
        return new TenantSettings(id, displayName, sessionLifetime, unknownUserReply, relinkPolicy, guildBinding, limits);
    }
}
