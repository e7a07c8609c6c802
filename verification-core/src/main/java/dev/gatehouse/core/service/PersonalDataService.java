package dev.gatehouse.core.service;

import dev.gatehouse.core.event.MemberRemoved;
import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.ManagePersonalData;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.PersonalData.Erased;
import dev.gatehouse.core.port.out.PersonalData.Held;
import dev.gatehouse.core.port.out.PersonalData.Person;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Exports and erases one person's data (see {@link ManagePersonalData}). */
public final class PersonalDataService implements ManagePersonalData {
    private static final System.Logger LOG = System.getLogger(PersonalDataService.class.getName());

    private final Stores stores;
    private final Clock clock;
    private final EventBus events;

    public PersonalDataService(Stores stores, Clock clock, EventBus events) {
        this.stores = stores;
        this.clock = clock;
        this.events = events;
    }

    /** The person as found: the subject resolved through their link, and what else the stores hold. */
    private record Found(TenantId tenant, Optional<DirectoryUser> user, Optional<DirectoryUserId> userId, Optional<Link> link,
                         Optional<DiscordUserId> account, Person person, Held held) {
        boolean isEmpty() {
            return user.isEmpty() && link.isEmpty() && held.sessions().isEmpty() && held.handoffs().isEmpty()
                    && held.wrongAnswers().isEmpty() && held.auditEntries().isEmpty();
        }
    }

    /** A failed resolution, carrying the result to return. */
    private record Refusal(Object result) {
    }

    @Override
    public ExportResult export(PersonCommand command) {
        return run("export", command, ExportResult.class, found -> {
            Instant now = clock.instant();
            stores.audit().record(new AuditEntry(found.tenant(), "person.exported", "data of " + describe(found) + " exported by "
                    + actor(command), now));
            return new PersonExport(found.tenant(), now, found.user(), found.link(), found.held());
        });
    }

    @Override
    public EraseResult erase(PersonCommand command) {
        List<VerificationEvent> published = new ArrayList<>();
        EraseResult result = run("erasure", command, EraseResult.class, found -> {
            Instant now = clock.instant();
            String pseudonym = "erased-" + UUID.randomUUID().toString().substring(0, 8);
            TenantId tenant = found.tenant();
            Erased erased = stores.personalData().erase(tenant, found.person(), pseudonym);
            int signIns = found.person().discordUser().map(account -> stores.signIns().deleteOfRequester(tenant, account)).orElse(0);
            // nor is the account counted any more for the removal of unverified members
            found.person().discordUser().ifPresent(account -> stores.arrivals().forget(
                    stores.guilds().ofTenant(tenant).stream().map(GuildSettings::guild).toList(), account));
            Optional<Link> ended = found.link().flatMap(l -> stores.links().remove(tenant, l.discordUser()));
            boolean removeUser = command.subject() instanceof DirectoryUserSubject && found.user().isPresent();
            if (removeUser) {
                stores.directory().remove(tenant, found.user().get().id());
            }
            if (ended.isPresent()) {
                List<GuildSettings> guilds = stores.guilds().ofTenant(tenant);
                stores.memberUpdates().enqueue(MemberUpdatePlanner.revokeAccess(guilds, ended.get().discordUser(),
                        "Gatehouse: data erased on request", now));
            }
            stores.audit().record(new AuditEntry(tenant, "person.erased", "data of " + pseudonym + " erased by "
                    + actor(command) + ": " + (removeUser ? "directory row, " : "") + (ended.isPresent() ? "link, " : "")
                    + erased.sessions() + " sessions, " + erased.handoffs() + " hand-offs, " + signIns + " sign-ins, " + erased.wrongAnswers()
                    + " wrong answers; " + erased.auditEntries() + " audit entries pseudonymised", now));
            if (removeUser) {
                published.add(new MemberRemoved(tenant, found.user().get().id(), ended, actor(command), now));
            } else if (ended.isPresent()) {
                actingAccount(command).ifPresent(by -> published.add(new MemberUnlinked(ended.get(), by, now)));
            }
            return new PersonErased(pseudonym, removeUser, ended, erased);
        });
        events.publish(published);
        return result;
    }

    private <R> R run(String what, PersonCommand command, Class<R> type, Function<Found, R> work) {
        try {
            Object outcome = stores.transactions().inTransaction(() -> {
                Object found = find(command);
                if (found instanceof Refusal refusal) {
                    return refusal.result();
                }
                return work.apply((Found) found);
            });
            return type.cast(outcome);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "personal data " + what + " failed: store unavailable: " + e.getMessage());
            return type.cast(new ServiceUnavailable());
        }
    }

    private Object find(PersonCommand command) {
        TenantId tenant;
        if (command instanceof ByOperator operator) {
            tenant = operator.tenant();
            if (stores.tenants().find(tenant).isEmpty()) {
                return new Refusal(new UnknownTenant(tenant));
            }
        } else {
            Optional<GuildSettings> guild = stores.guilds().find(command instanceof ByAdmin admin ? admin.guild()
                    : ((ByMemberThemselves) command).guild());
            if (guild.isEmpty()) {
                return new Refusal(new GuildNotSetUp());
            }
            tenant = guild.get().tenant();
        }
        Optional<Link> link;
        Optional<DirectoryUserId> userId;
        if (command.subject() instanceof DirectoryUserSubject byId) {
            try {
                userId = Optional.of(new DirectoryUserId(byId.userId()));
            } catch (IllegalArgumentException e) {
                return new Refusal(new InvalidUserId(e.getMessage()));
            }
            link = stores.links().findByDirectoryUser(tenant, userId.get());
        } else {
            DiscordUserId account = ((DiscordAccountSubject) command.subject()).account();
            link = stores.links().findByDiscordUser(tenant, account);
            userId = link.map(Link::directoryUser);
        }
        Optional<DirectoryUser> user = userId.flatMap(id -> stores.directory().find(tenant, id));
        Optional<DiscordUserId> account = command.subject() instanceof DiscordAccountSubject d ? Optional.of(d.account())
                : link.map(Link::discordUser);
        boolean wholePerson = command.subject() instanceof DirectoryUserSubject;
        Person probe = new Person(wholePerson ? userId : Optional.empty(), account, List.of());
        Held sessionsAndMore = stores.personalData().find(tenant, probe);
        List<String> words = new ArrayList<>();
        if (wholePerson) {
            userId.ifPresent(id -> words.add(id.value()));
            user.ifPresent(u -> {
                words.add(u.email().value());
                words.add(u.name().value());
            });
        }
        account.ifPresent(a -> words.add(a.toString()));
        sessionsAndMore.sessions().forEach(s -> words.add(s.requester().username()));
        sessionsAndMore.handoffs().forEach(h -> words.add(h.requester().username()));
        Person person = new Person(probe.user(), probe.discordUser(), words);
        Held held = stores.personalData().find(tenant, person);
        Found found = new Found(tenant, user, userId, link, account, person, held);
        if (found.isEmpty()) {
            return new Refusal(new NothingHeld());
        }
        return found;
    }

    private static String describe(Found found) {
        return found.userId().map(id -> "user " + id.value()).orElseGet(() -> "Discord user " + found.account().orElseThrow());
    }

    private static Optional<DiscordUserId> actingAccount(PersonCommand command) {
        if (command instanceof ByAdmin admin) {
            return Optional.of(admin.admin());
        }
        return command instanceof ByMemberThemselves member ? Optional.of(member.member()) : Optional.empty();
    }

    private static String actor(PersonCommand command) {
        if (command instanceof ByAdmin admin) {
            return "admin " + admin.admin();
        }
        return command instanceof ByOperator ? "the operator" : "the member themselves";
    }
}
