package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.Arrival;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The members who joined a server and haven't verified yet, for servers that remove them after a while. Taking
 * due warnings and removals is atomic per member: with several instances sweeping at once, each member is
 * warned once and removed once. Every method takes part in the caller's transaction. Thread-safe.
 */
public interface Arrivals {

    /**
     * Records that these members joined at {@code at}; a member recorded already keeps their earlier time.
     *
     * @param guild the server
     * @param members who joined
     * @param at when
     * @return how many of them were not recorded before
     */
    int arrived(GuildId guild, Collection<DiscordUserId> members, Instant at);

    /**
     * Forgets a member of these servers (they verified, or left).
     *
     * @param guilds the servers
     * @param member the member
     */
    void forget(Collection<GuildId> guilds, DiscordUserId member);

    /**
     * Forgets every member of the server (it stopped removing unverified members).
     *
     * @param guild the server
     * @return how many members were counted
     */
    long forgetServer(GuildId guild);

    /**
     * Finds a member's record.
     *
     * @param guild the server
     * @param member the member
     * @return the record, or empty if the member isn't counted
     */
    Optional<Arrival> find(GuildId guild, DiscordUserId member);

    /**
     * How many members of the server are counted.
     *
     * @param guild the server
     * @return the number of records
     */
    long count(GuildId guild);

    /**
     * Marks up to {@code max} members who joined at or before {@code joinedBy} and weren't warned as warned at
     * {@code now}, and returns them; a member is returned by one call only.
     *
     * @param guild the server
     * @param joinedBy the latest joining time whose warning is due
     * @param now when the warnings are sent
     * @param max at most this many, at least 1
     * @return the members to warn, with {@code warnedAt} set to {@code now}, oldest first
     */
    List<Arrival> takeDueWarnings(GuildId guild, Instant joinedBy, Instant now, int max);

    /**
     * Deletes up to {@code max} members who joined at or before {@code joinedBy} and were warned at or before
     * {@code warnedBy}, and returns them; a member is returned by one call only.
     *
     * @param guild the server
     * @param joinedBy the latest joining time whose removal is due
     * @param warnedBy the latest warning time whose removal is due
     * @param max at most this many, at least 1
     * @return the members to remove, oldest first
     */
    List<Arrival> takeDueRemovals(GuildId guild, Instant joinedBy, Instant warnedBy, int max);
}
