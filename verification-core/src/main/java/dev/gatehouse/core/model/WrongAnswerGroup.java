package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Wrong answers sharing one normalised form: how often, by how many members, the spellings seen (at most
 * {@link #MAX_SPELLINGS}, most frequent first), and when first and last.
 *
 * @param normalised the form the answers share
 * @param attempts how many times it was given
 * @param distinctMembers by how many members
 * @param spellings the spellings seen, most frequent first
 * @param firstSeen when it was first given
 * @param lastSeen when it was last given
 */
public record WrongAnswerGroup(String normalised, long attempts, long distinctMembers, List<String> spellings,
                               Instant firstSeen, Instant lastSeen) {
    /** At most this many spellings are kept per group. */
    public static final int MAX_SPELLINGS = 5;

    public WrongAnswerGroup {
        Objects.requireNonNull(normalised, "normalised");
        spellings = List.copyOf(spellings);
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (attempts < 1 || distinctMembers < 1 || distinctMembers > attempts) {
            throw new IllegalArgumentException("a group has at least one attempt by at least one member, and no more members than attempts");
        }
        if (spellings.isEmpty() || spellings.size() > MAX_SPELLINGS) {
            throw new IllegalArgumentException("a group shows 1 to " + MAX_SPELLINGS + " spellings");
        }
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("last seen before first seen");
        }
    }
}
