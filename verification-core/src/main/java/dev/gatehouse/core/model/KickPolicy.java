package dev.gatehouse.core.model;

import java.util.OptionalInt;

/**
 * Whether a server kicks members who answer its question wrong too often, and after how many wrong answers
 * (in every server of the tenant; the count restarts once {@link #WINDOW_HOURS} hours pass without one).
 *
 * @param kickAfter how many wrong answers get a member kicked, 1 to {@value #MAX_KICK_AFTER}; empty for never
 */
public record KickPolicy(OptionalInt kickAfter) {
    /** The number of wrong answers an admin gets when turning kicks on without a number. */
    public static final int DEFAULT_KICK_AFTER = 3;
    /** The most wrong answers a policy may allow. */
    public static final int MAX_KICK_AFTER = 20;
    /** Wrong answers count within this many hours. */
    public static final int WINDOW_HOURS = 24;

    public KickPolicy {
        if (kickAfter == null) {
            throw new IllegalArgumentException("kickAfter is missing");
        }
        if (kickAfter.isPresent() && (kickAfter.getAsInt() < 1 || kickAfter.getAsInt() > MAX_KICK_AFTER)) {
            throw new IllegalArgumentException("kick after 1 to " + MAX_KICK_AFTER + " wrong answers, got " + kickAfter.getAsInt());
        }
    }

    /**
     * Nobody is kicked.
     *
     * @return the policy
     */
    public static KickPolicy never() {
        return new KickPolicy(OptionalInt.empty());
    }

    /**
     * Kick after this many wrong answers.
     *
     * @param wrongAnswers 1 to {@value #MAX_KICK_AFTER}
     * @return the policy
     */
    public static KickPolicy after(int wrongAnswers) {
        return new KickPolicy(OptionalInt.of(wrongAnswers));
    }

    /**
     * Whether anyone is ever kicked.
     *
     * @return true unless the policy is {@link #never}
     */
    public boolean kicks() {
        return kickAfter.isPresent();
    }
}
