package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.WrongAnswerGroup;
import java.util.List;
import java.util.Objects;

/** Admins look at the wrong answers members gave in their tenant, grouped, and clear the log. Callers check permissions. */
public interface ReviewWrongAnswers {
    /** The most groups one call shows. */
    int MAX_LIMIT = 25;

    /**
     * The {@code limit} (1 to {@link #MAX_LIMIT}) most common wrong answers in the server's tenant.
     *
     * @param guild a server bound to the tenant
     * @param limit how many groups
     * @return the groups, or why there are none
     */
    TopResult top(GuildId guild, int limit);

    /**
     * Deletes the wrong-answer log of the server's tenant.
     *
     * @param guild a server bound to the tenant
     * @return how many answers were deleted, or why none were
     */
    ClearResult clear(GuildId guild);

    /** The most frequent wrong answers, or why there are none to show. */
    sealed interface TopResult permits WrongAnswerReport, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * The tenant's wrong answers, grouped, most frequent first.
     *
     * @param tenant the tenant
     * @param groups the groups, most frequent first
     */
    record WrongAnswerReport(TenantId tenant, List<WrongAnswerGroup> groups) implements TopResult {
        public WrongAnswerReport {
            Objects.requireNonNull(tenant, "tenant");
            groups = List.copyOf(groups);
        }
    }

    /** How clearing the wrong answers ended. */
    sealed interface ClearResult permits WrongAnswersCleared, GuildNotSetUp, ServiceUnavailable {
    }

    /**
     * {@code deleted} wrong answers of the tenant were deleted.
     *
     * @param tenant the tenant
     * @param deleted how many answers were deleted
     */
    record WrongAnswersCleared(TenantId tenant, long deleted) implements ClearResult {
        public WrongAnswersCleared {
            Objects.requireNonNull(tenant, "tenant");
        }
    }
}
