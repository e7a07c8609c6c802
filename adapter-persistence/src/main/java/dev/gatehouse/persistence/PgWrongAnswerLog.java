package dev.gatehouse.persistence;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.out.WrongAnswerLog;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Wrong answers in {@code wrong_answers}, one row each with the core's normalised form beside the original;
 * {@link #top} groups, counts, picks the spellings and orders in one query.
 */
@Singleton
@Bean(typed = PgWrongAnswerLog.class)
final class PgWrongAnswerLog implements WrongAnswerLog {
    private final Db db;
    private final WrongAnswerRepository repository;

    PgWrongAnswerLog(Db db, WrongAnswerRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public void record(WrongAnswer a) {
        db.write("recording a wrong answer", () -> repository.save(new WrongAnswerRow(null, a.tenant().value(), a.guild().value(),
                a.member().value(), a.original(), a.normalised(), a.at())));
    }

    @Override
    public List<WrongAnswerGroup> top(TenantId tenant, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return db.read("reading wrong answers", () -> repository.top(tenant.value(), limit, WrongAnswerGroup.MAX_SPELLINGS).stream()
                .map(row -> new WrongAnswerGroup(row.normalised(), row.attempts(), row.distinctMembers(), List.of(row.spellings()),
                        row.firstSeen(), row.lastSeen()))
                .toList());
    }

    @Override
    public long clear(TenantId tenant) {
        return db.write("clearing wrong answers", () -> repository.clear(tenant.value()));
    }

    @Override
    public long purgeBefore(TenantId tenant, Instant before) {
        return db.write("purging old wrong answers", () -> repository.purgeBefore(tenant.value(), before));
    }
}
