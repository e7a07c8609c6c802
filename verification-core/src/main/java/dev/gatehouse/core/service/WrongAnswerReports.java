package dev.gatehouse.core.service;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** The wrong-answer log of a server's tenant, for its admins. */
public final class WrongAnswerReports implements ReviewWrongAnswers {
    private static final System.Logger LOG = System.getLogger(WrongAnswerReports.class.getName());

    private final Stores stores;
    private final Clock clock;

    public WrongAnswerReports(Stores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TopResult top(GuildId guild, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("list 1 to " + MAX_LIMIT + " groups, got " + limit);
        }
        try {
            Optional<GuildSettings> settings = stores.guilds().find(guild);
            if (settings.isEmpty()) {
                return new GuildNotSetUp();
            }
            return new WrongAnswerReport(settings.get().tenant(), stores.wrongAnswers().top(settings.get().tenant(), limit));
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "wrong-answer report failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    @Override
    public ClearResult clear(GuildId guild) {
        try {
            Optional<GuildSettings> settings = stores.guilds().find(guild);
            if (settings.isEmpty()) {
                return new GuildNotSetUp();
            }
            var tenant = settings.get().tenant();
            long deleted = stores.transactions().inTransaction(() -> {
                long count = stores.wrongAnswers().clear(tenant);
                stores.audit().record(new AuditEntry(tenant, "wrong_answers.cleared", count + " wrong answers deleted from server "
                        + guild, clock.instant()));
                return count;
            });
            return new WrongAnswersCleared(tenant, deleted);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "clearing wrong answers failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }
}
