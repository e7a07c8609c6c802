package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.PersonalData;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A person's records across the in-memory stores. */
final class MemoryPersonalData implements PersonalData {
    private final MemoryTransactions tx;
    private final MemoryGuilds guilds;
    private final MemorySessions sessions;
    private final MemoryHandoffRequests handoffs;
    private final MemoryWrongAnswers wrongAnswers;
    private final MemoryMemberUpdates memberUpdates;
    private final MemoryRateLimits rateLimits;
    private final MemoryAuditLog audit;

    MemoryPersonalData(MemoryTransactions tx, MemoryGuilds guilds, MemorySessions sessions, MemoryHandoffRequests handoffs,
                       MemoryWrongAnswers wrongAnswers, MemoryMemberUpdates memberUpdates, MemoryRateLimits rateLimits,
                       MemoryAuditLog audit) {
        this.tx = tx;
        this.guilds = guilds;
        this.sessions = sessions;
        this.handoffs = handoffs;
        this.wrongAnswers = wrongAnswers;
        this.memberUpdates = memberUpdates;
        this.rateLimits = rateLimits;
        this.audit = audit;
    }

    @Override
    public Held find(TenantId tenant, Person person) {
        return tx.read(() -> new Held(sessions.matching(sessionOf(tenant, person)), handoffs.matching(handoffOf(tenant, person)),
                wrongAnswers.matching(wrongAnswerOf(tenant, person)), audit.matching(tenant, e -> person.isNamedIn(e.detail()))));
    }

    @Override
    public Erased erase(TenantId tenant, Person person, String pseudonym) {
        return tx.read(() -> {
            Set<GuildId> servers = guilds.ofTenant(tenant).stream().map(GuildSettings::guild).collect(Collectors.toSet());
            Predicate<MemberUpdate> update = u -> servers.contains(u.guild()) && person.discordUser().map(u.member()::equals).orElse(false);
            return new Erased(sessions.removeMatching(sessionOf(tenant, person)), handoffs.removeMatching(handoffOf(tenant, person)),
                    wrongAnswers.removeMatching(wrongAnswerOf(tenant, person)), memberUpdates.removeMatching(update),
                    rateLimits.removeKeysMatching(key -> person.ownsRateKey(tenant, key)),
                    audit.rewriteMatching(tenant, e -> person.isNamedIn(e.detail()),
                            e -> new AuditEntry(e.tenant(), e.action(), person.pseudonymise(e.detail(), pseudonym), e.at())));
        });
    }

    private static Predicate<VerificationSession> sessionOf(TenantId tenant, Person person) {
        return s -> s.tenant().equals(tenant) && (person.user().map(s.directoryUser()::equals).orElse(false)
                || person.discordUser().map(s.requester().id()::equals).orElse(false));
    }

    private static Predicate<HandoffRequest> handoffOf(TenantId tenant, Person person) {
        return r -> r.tenant().equals(tenant) && person.discordUser().map(r.requester().id()::equals).orElse(false);
    }

    private static Predicate<WrongAnswer> wrongAnswerOf(TenantId tenant, Person person) {
        return a -> a.tenant().equals(tenant) && person.discordUser().map(a.member()::equals).orElse(false);
    }
}
