package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stores hold about one person beyond their directory row and link, found and erased together: verification
 * sessions, hand-offs, wrong answers, queued member updates, rate-limit counters, and the audit entries naming them.
 *
 * <p>Contract: a person is found in one tenant by their directory user id (sessions for that user), their Discord
 * account (sessions and hand-offs they requested, their wrong answers, member updates in the tenant's servers) and
 * the words that name them (the audit entries whose detail contains any of them). {@link #erase} deletes the
 * sessions, hand-offs, wrong answers and member updates, the rate-limit keys of the tenant that carry the user id or
 * the Discord id as a {@code :}-separated part, and replaces every naming word in the audit details with the
 * pseudonym, keeping the entries (their number does not change). Inside {@link Transactions#inTransaction} it is all
 * or nothing. Thread-safe; throws {@link StoreUnavailableException} when the store can't be reached.
 */
public interface PersonalData {

    /**
     * What the stores hold about the person.
     *
     * @param tenant the tenant whose records are searched
     * @param person who, by user id, Discord account and the words naming them
     * @return the records found, each kind oldest first
     */
    Held find(TenantId tenant, Person person);

    /**
     * Erases what {@link #find} returns (see the contract above).
     *
     * @param tenant the tenant whose records are erased
     * @param person who
     * @param pseudonym the word that replaces every word naming the person in audit details
     * @return how much went
     */
    Erased erase(TenantId tenant, Person person, String pseudonym);

    /**
     * One person in a tenant: their directory user id and Discord account where known, and every word naming them
     * in audit details (ids, email address, name).
     *
     * @param user their id in the tenant's directory, if known
     * @param discordUser their Discord account, if known (at least one of the two is)
     * @param namingWords the words that name them in audit details, blank ones dropped, longest first
     */
    record Person(Optional<DirectoryUserId> user, Optional<DiscordUserId> discordUser, List<String> namingWords) {
        public Person {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(discordUser, "discordUser");
            if (user.isEmpty() && discordUser.isEmpty()) {
                throw new IllegalArgumentException("a person needs a user id or a Discord account");
            }
            namingWords = namingWords.stream().filter(w -> !w.isBlank()).distinct()
                    .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
        }

        /**
         * Whether the text names the person.
         *
         * @param text an audit detail
         * @return whether it contains a word naming the person
         */
        public boolean isNamedIn(String text) {
            return namingWords.stream().anyMatch(text::contains);
        }

        /**
         * The text with every word naming the person replaced, longest words first.
         *
         * @param text an audit detail
         * @param pseudonym what replaces each naming word
         * @return the text naming only the pseudonym
         */
        public String pseudonymise(String text, String pseudonym) {
            String result = text;
            for (String word : namingWords) {
                result = result.replace(word, pseudonym);
            }
            return result;
        }

        /**
         * Whether a rate-limit key counts this person.
         *
         * @param tenant the tenant
         * @param key a rate-limit key ({@code kind:tenant:part…})
         * @return whether it is the tenant's and carries the user id or the Discord id as a part
         */
        public boolean ownsRateKey(TenantId tenant, String key) {
            List<String> parts = List.of(key.split(":", -1));
            if (parts.size() < 3 || !parts.get(1).equals(tenant.value())) {
                return false;
            }
            return parts.subList(2, parts.size()).stream().anyMatch(part -> user.map(u -> u.value().equals(part)).orElse(false)
                    || discordUser.map(d -> d.toString().equals(part)).orElse(false));
        }
    }

    /**
     * The records found about a person, oldest first.
     *
     * @param sessions the verification sessions for their user id or requested by their account
     * @param handoffs the hand-offs their account requested
     * @param wrongAnswers the wrong answers their account gave
     * @param auditEntries the audit entries whose detail names them
     */
    record Held(List<VerificationSession> sessions, List<HandoffRequest> handoffs, List<WrongAnswer> wrongAnswers,
                List<AuditEntry> auditEntries) {
        public Held {
            sessions = List.copyOf(sessions);
            handoffs = List.copyOf(handoffs);
            wrongAnswers = List.copyOf(wrongAnswers);
            auditEntries = List.copyOf(auditEntries);
        }
    }

    /**
     * How many records {@link #erase} deleted, and how many audit entries it pseudonymised.
     *
     * @param sessions verification sessions deleted
     * @param handoffs hand-offs deleted
     * @param wrongAnswers wrong answers deleted
     * @param memberUpdates queued role and nickname updates deleted
     * @param rateLimitKeys rate-limit keys deleted (with their counters and blocks)
     * @param auditEntries audit entries pseudonymised (kept)
     */
    record Erased(long sessions, long handoffs, long wrongAnswers, long memberUpdates, long rateLimitKeys, long auditEntries) {
    }
}
