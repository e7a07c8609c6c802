package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.model.WrongAnswerGroup;
import java.time.Instant;
import java.util.List;

/** Wrong answers to verification questions, per tenant, for admins to learn what confuses members. Thread-safe. */
public interface WrongAnswerLog {
    /**
     * Logs one wrong answer.
     *
     * @param answer the answer
     */
    void record(WrongAnswer answer);

    /**
     * The tenant's wrong answers grouped by normalised form, most attempts first (ties: latest first, then by
     * form), at most {@code limit} groups.
     *
     * @param tenant the tenant
     * @param limit at most this many groups
     * @return the groups, most attempts first
     */
    List<WrongAnswerGroup> top(TenantId tenant, int limit);

    /**
     * Deletes the tenant's log; returns how many answers were deleted.
     *
     * @param tenant the tenant
     * @return how many answers were deleted
     */
    long clear(TenantId tenant);

    /**
     * Deletes the tenant's answers given before {@code before}; returns how many.
     *
     * @param tenant the tenant
     * @param before answers given before this go
     * @return how many answers were deleted
     */
    long purgeBefore(TenantId tenant, Instant before);
}
