package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued instruction to apply one change to one member of one server; retried until it succeeds.
 *
 * @param id the update's id, for idempotent delivery
 * @param guild the server
 * @param member the member to change
 * @param change what to change
 * @param reason why, shown in the server's audit log
 * @param createdAt when it was queued
 */
public record MemberUpdate(UpdateId id, GuildId guild, DiscordUserId member, MemberChange change, String reason, Instant createdAt) {
    public MemberUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(change, "change");
        reason = Texts.requireText("audit reason", reason, 400);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A new update with a random id.
     *
     * @param guild the server
     * @param member the member to change
     * @param change what to change
     * @param reason why, for the server's audit log
     * @param now when it was queued
     * @return the update
     */
    public static MemberUpdate of(GuildId guild, DiscordUserId member, MemberChange change, String reason, Instant now) {
        return new MemberUpdate(UpdateId.random(), guild, member, change, reason, now);
    }
}
