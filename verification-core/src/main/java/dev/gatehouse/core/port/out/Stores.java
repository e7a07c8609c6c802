package dev.gatehouse.core.port.out;

import java.util.Objects;

/** The state-keeping ports together, sharing one {@link Transactions}, as a store implementation provides them. */
public record Stores(
        Transactions transactions,
        Tenants tenants,
        Guilds guilds,
        UserDirectory directory,
        Links links,
        MembershipIndex membershipIndex,
        Sessions sessions,
        RateLimitStore rateLimits,
        MemberUpdates memberUpdates,
        AuditLog audit,
        HandoffRequests handoffs,
        WrongAnswerLog wrongAnswers,
        DirectoryImports directoryImports,
        PersonalData personalData) {

    public Stores {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(guilds, "guilds");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(membershipIndex, "membershipIndex");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(memberUpdates, "memberUpdates");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(handoffs, "handoffs");
        Objects.requireNonNull(wrongAnswers, "wrongAnswers");
        Objects.requireNonNull(directoryImports, "directoryImports");
        Objects.requireNonNull(personalData, "personalData");
    }
}
