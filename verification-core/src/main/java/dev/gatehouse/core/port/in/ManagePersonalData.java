package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.PersonalData.Erased;
import dev.gatehouse.core.port.out.PersonalData.Held;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's data on request: everything Gatehouse holds about one directory user or one Discord account, and its
 * erasure.
 *
 * <p>A directory user is found with the Discord account linked to them; a Discord account with the directory user it
 * is linked to. Erasing a directory user deletes their directory row, their link, the sessions for them or requested
 * by the linked account, that account's hand-offs, wrong answers, queued member updates and rate-limit counters, and
 * rewrites the audit entries naming them (ids, email address, name, Discord usernames) with a fresh pseudonym,
 * keeping every entry. Erasing a Discord account does the same for the account (link, sessions it requested,
 * hand-offs, wrong answers, counters, its id and usernames in the audit) and leaves the organisation's directory row.
 * The roles and nicknames of an ended link are queued for removal in every server of the tenant. Exports and
 * erasures are audited ({@code person.exported}, {@code person.erased}); the erasure entry names only the pseudonym.
 * Thread-safe.
 */
public interface ManagePersonalData {

    /**
     * Everything held about the person; audited.
     *
     * @param command whom it is about and who asks
     * @return the export, or why there is none
     */
    ExportResult export(PersonCommand command);

    /**
     * Erases the person's data (see above), all or nothing.
     *
     * @param command whom it is about and who asks
     * @return what was erased, or why nothing was
     */
    EraseResult erase(PersonCommand command);

    /** Whom a command is about: a directory user id as typed, or a Discord account. */
    sealed interface Subject permits DirectoryUserSubject, DiscordAccountSubject {
    }

    /**
     * A directory user, by the id as the organisation writes it.
     *
     * @param userId the id as typed; a malformed one is {@link InvalidUserId}
     */
    record DirectoryUserSubject(String userId) implements Subject {
        public DirectoryUserSubject {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * A Discord account.
     *
     * @param account the account's id
     */
    record DiscordAccountSubject(DiscordUserId account) implements Subject {
        public DiscordAccountSubject {
            Objects.requireNonNull(account, "account");
        }
    }

    /** Who asks: the operator names the tenant; a server admin works in the server's tenant; a member asks for themselves. */
    sealed interface PersonCommand permits ByOperator, ByAdmin, ByMemberThemselves {
        /** {@return whom the command is about} */
        Subject subject();
    }

    /**
     * The operator, from the command line.
     *
     * @param tenant the tenant searched
     * @param subject whom it is about
     */
    record ByOperator(TenantId tenant, Subject subject) implements PersonCommand {
        public ByOperator {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * A server's admin, in the server's tenant.
     *
     * @param guild the server the admin asked in; its tenant is searched
     * @param subject whom it is about
     * @param admin the admin, named in the audit entry
     */
    record ByAdmin(GuildId guild, Subject subject, DiscordUserId admin) implements PersonCommand {
        public ByAdmin {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(admin, "admin");
        }
    }

    /**
     * A member, for their own Discord account, in the server's tenant.
     *
     * @param guild the server the member asked in; its tenant is searched
     * @param member the member's own account, the subject
     */
    record ByMemberThemselves(GuildId guild, DiscordUserId member) implements PersonCommand {
        public ByMemberThemselves {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(member, "member");
        }

        @Override
        public Subject subject() {
            return new DiscordAccountSubject(member);
        }
    }

    /** The outcome of {@link #export}. */
    sealed interface ExportResult permits PersonExport, NothingHeld, UnknownTenant, GuildNotSetUp, InvalidUserId, ServiceUnavailable {
    }

    /** The outcome of {@link #erase}. */
    sealed interface EraseResult permits PersonErased, NothingHeld, UnknownTenant, GuildNotSetUp, InvalidUserId, ServiceUnavailable {
    }

    /**
     * Everything held about the person in the tenant, as of {@code at}.
     *
     * @param tenant the tenant
     * @param at when it was read
     * @param user their directory row, if they have one
     * @param link their link, if verified
     * @param held their sessions, hand-offs, wrong answers and the audit entries naming them
     */
    record PersonExport(TenantId tenant, Instant at, Optional<DirectoryUser> user, Optional<Link> link, Held held)
            implements ExportResult {
        public PersonExport {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(held, "held");
        }
    }

    /**
     * The person's data is gone: the audit now calls them {@code pseudonym}; whether their directory row went, the link
     * that ended, and how much else was erased.
     *
     * @param pseudonym the word that now stands for them in the audit
     * @param directoryUserRemoved whether their directory row was deleted (only when erased by user id)
     * @param endedLink the link that ended, if they were verified
     * @param erased how many records of each kind went
     */
    record PersonErased(String pseudonym, boolean directoryUserRemoved, Optional<Link> endedLink, Erased erased)
            implements EraseResult {
        public PersonErased {
            Objects.requireNonNull(pseudonym, "pseudonym");
            Objects.requireNonNull(endedLink, "endedLink");
            Objects.requireNonNull(erased, "erased");
        }
    }

    /** Gatehouse holds nothing about that person in the tenant; nothing changed. */
    record NothingHeld() implements ExportResult, EraseResult {
    }

    /**
     * No tenant with that id.
     *
     * @param tenant the id asked for
     */
    record UnknownTenant(TenantId tenant) implements ExportResult, EraseResult {
        public UnknownTenant {
            Objects.requireNonNull(tenant, "tenant");
        }
    }
}
