package dev.gatehouse.core.port.out;

import java.util.Objects;

/**
 * The state-keeping ports together, sharing one {@link Transactions}, as a store implementation provides them.
 *
 * @param transactions the transactions every other store takes part in
 * @param tenants the tenants and their settings
 * @param guilds the servers' bindings
 * @param directory the organisations' people
 * @param links who is linked to whom
 * @param membershipIndex who is verified, from memory
 * @param sessions the emailed links' sessions
 * @param rateLimits the rate-limit counters
 * @param memberUpdates the outbox of role and nickname changes
 * @param audit the audit log
 * @param handoffs the hand-offs waiting for callbacks
 * @param wrongAnswers the wrong answers to questions
 * @param directoryImports whole-file directory imports
 * @param signIns the sign-ins with an identity provider waiting to finish
 * @param personalData one person's data: export and erasure
 * @param arrivals the members who joined and haven't verified, for servers that remove them
 */
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
        SignInRequests signIns,
        PersonalData personalData,
        Arrivals arrivals) {

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
        Objects.requireNonNull(signIns, "signIns");
        Objects.requireNonNull(personalData, "personalData");
        Objects.requireNonNull(arrivals, "arrivals");
    }
}
