package dev.gatehouse.core.service;

import dev.gatehouse.core.event.VerificationLapsed;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.ReverifyMembers;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.Links.DueLink;
import dev.gatehouse.core.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Sweeps each tenant with a verification lifetime in batches, each batch one transaction: the store marks or removes
 * the links (so another instance's sweep can't take the same ones) and the member updates go into the outbox with it.
 * The reminder and the lapse notice are one direct message per member, queued under the tenant's lowest server: a
 * DM goes to the person, not to a server, so any server of the tenant routes it to one shard owner, and the lowest
 * keeps that choice the same on every instance.
 */
public final class Reverification implements ReverifyMembers {
    /** Links handled per transaction: large enough to be quick, small enough that a million links never sit in memory. */
    static final int BATCH = 500;

    private final Stores stores;
    private final Clock clock;
    private final EventBus events;

    public Reverification(Stores stores, Clock clock, EventBus events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Swept sweep() {
        Instant now = clock.instant();
        long reminded = 0;
        long lapsed = 0;
        for (TenantSettings tenant : stores.tenants().all()) {
            Optional<Instant> lapseCutoff = tenant.lapseCutoff(now);
            if (lapseCutoff.isEmpty()) {
                continue;
            }
            lapsed += endLapsed(tenant, lapseCutoff.get(), now);
            Optional<Instant> reminderCutoff = tenant.reminderCutoff(now);
            if (reminderCutoff.isPresent()) {
                reminded += remind(tenant, reminderCutoff.get(), now);
            }
        }
        return new Swept(reminded, lapsed);
    }

    private long remind(TenantSettings tenant, Instant cutoff, Instant now) {
        long total = 0;
        while (true) {
            int batch = stores.transactions().inTransaction(() -> {
                List<DueLink> due = stores.links().claimReminders(tenant.id(), cutoff, now, BATCH);
                Optional<GuildId> via = dmGuild(stores.guilds().ofTenant(tenant.id()));
                if (via.isPresent()) {
                    List<MemberUpdate> updates = new ArrayList<>();
                    for (DueLink link : due) {
                        Instant until = tenant.verificationHoldsUntil(link.link().linkedAt()).orElseThrow();
                        updates.add(MemberUpdate.of(via.get(), link.link().discordUser(), new MemberChange.Notify(
                                new MemberNotice.VerificationEnding(until, languageOf(link, tenant), tenant.timeZone())),
                                "Gatehouse: verification ends soon", now));
                    }
                    stores.memberUpdates().enqueue(updates);
                }
                return due.size();
            });
            total += batch;
            if (batch < BATCH) {
                return total;
            }
        }
    }

    private long endLapsed(TenantSettings tenant, Instant cutoff, Instant now) {
        long total = 0;
        while (true) {
            List<Link> ended = stores.transactions().inTransaction(() -> {
                List<DueLink> lapsed = stores.links().removeLapsed(tenant.id(), cutoff, BATCH);
                if (lapsed.isEmpty()) {
                    return List.<Link>of();
                }
                List<GuildSettings> guilds = stores.guilds().ofTenant(tenant.id());
                Optional<GuildId> via = dmGuild(guilds);
                List<MemberUpdate> updates = new ArrayList<>();
                List<AuditEntry> entries = new ArrayList<>();
                for (DueLink due : lapsed) {
                    Link link = due.link();
                    updates.addAll(MemberUpdatePlanner.revokeAccess(guilds, link.discordUser(), "Gatehouse: verification lapsed", now));
                    via.ifPresent(guild -> updates.add(MemberUpdate.of(guild, link.discordUser(), new MemberChange.Notify(
                            new MemberNotice.VerificationLapsed(languageOf(due, tenant))), "Gatehouse: verification lapsed", now)));
                    entries.add(new AuditEntry(tenant.id(), "verification.lapsed", "Discord user " + link.discordUser()
                            + " unlinked from " + link.directoryUser() + ": verification made " + link.linkedAt() + " lapsed", now));
                }
                stores.audit().recordAll(entries);
                stores.memberUpdates().enqueue(updates);
                return lapsed.stream().map(DueLink::link).toList();
            });
            events.publish(ended.stream().map(link -> new VerificationLapsed(link, now)).toList());
            total += ended.size();
            if (ended.size() < BATCH) {
                return total;
            }
        }
    }

    private static Optional<GuildId> dmGuild(List<GuildSettings> guilds) {
        return guilds.stream().map(GuildSettings::guild).min(Comparator.comparingLong(GuildId::value));
    }

    private static Locale languageOf(DueLink link, TenantSettings tenant) {
        return link.language().orElse(tenant.defaultLanguage());
    }
}
