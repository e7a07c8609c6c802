package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import java.util.Objects;
import java.util.Set;

/**
 * Servers that remove members who haven't verified within a time of joining (off by default): members are counted
 * from joining (or from when the chat side reports them present, for members who were there already), warned by
 * direct message, then kicked with a reason in the server's audit log, all through the outbox. A member who
 * verifies or leaves is forgotten. Safe to sweep from several instances at once: each member is warned once and
 * kicked once. A store outage in {@link #sweep()} surfaces as
 * {@link dev.gatehouse.core.port.out.StoreUnavailableException}.
 */
public interface RemoveUnverifiedMembers {

    /**
     * Queues the warnings and kicks that are due in every server that removes unverified members and has
     * verification on.
     *
     * @return how many were queued
     */
    Swept sweep();

    /**
     * Members who are in a server already (e.g. when it turns the removal on, or when the bot sees it again after a
     * restart): those not verified and not counted yet are counted from now. Nothing happens in a server that doesn't
     * remove unverified members.
     *
     * @param command the server and its members
     * @return how many members are newly counted
     */
    PresentResult present(PresentCommand command);

    /**
     * A member left a server: they are no longer counted there.
     *
     * @param guild the server
     * @param member who left
     */
    void left(GuildId guild, DiscordUserId member);

    /**
     * The members of a server as the chat side knows them (bots left out).
     *
     * @param guild the server
     * @param members its members
     */
    record PresentCommand(GuildId guild, Set<DiscordUserId> members) {
        public PresentCommand {
            Objects.requireNonNull(guild, "guild");
            members = Set.copyOf(members);
        }
    }

    /** What became of members reported present. */
    sealed interface PresentResult permits Counted, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * The members not verified and not counted before are counted from now.
     *
     * @param newlyCounted how many
     */
    record Counted(int newlyCounted) implements PresentResult {
        public Counted {
            if (newlyCounted < 0) {
                throw new IllegalArgumentException("count can't be negative");
            }
        }
    }

    /**
     * What a sweep queued.
     *
     * @param warned warnings queued
     * @param removed kicks queued
     */
    record Swept(int warned, int removed) {
        public Swept {
            if (warned < 0 || removed < 0) {
                throw new IllegalArgumentException("counts can't be negative");
            }
        }
    }
}
