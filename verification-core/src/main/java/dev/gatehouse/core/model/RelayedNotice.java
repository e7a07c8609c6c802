package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A log channel notice written on an instance that doesn't own the guild's shard, waiting for the instance that does
 * to post it.
 *
 * @param id        unique per notice
 * @param guild     the server whose log channel gets it; its shard decides who posts
 * @param channel   the log channel
 * @param text      the message, as Discord shows it (at most 2,000 characters)
 * @param createdAt when it was written
 */
public record RelayedNotice(UUID id, GuildId guild, ChannelId channel, String text, Instant createdAt) {
    /** Discord's longest message. */
    public static final int MAX_TEXT = 2_000;

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the text is blank or longer than {@link #MAX_TEXT}
     */
    public RelayedNotice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("notice text must be 1 to " + MAX_TEXT + " characters, got " + text.length());
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A new notice with a random id.
     *
     * @param guild the server it is about
     * @param channel its log channel
     * @param text the notice as it is to be posted
     * @param now when it was made
     * @return the notice
     */
    public static RelayedNotice of(GuildId guild, ChannelId channel, String text, Instant now) {
        return new RelayedNotice(UUID.randomUUID(), guild, channel, text, now);
    }

    /**
     * The shard whose owner posts this notice.
     *
     * @param shardCount the number of shards the fleet runs
     * @return the shard of the notice's guild, from 0
     */
    public int shard(int shardCount) {
        return (int) ((guild.value() >> 22) % shardCount);
    }
}
