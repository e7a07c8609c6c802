package dev.gatehouse.core.service;

import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.model.Arrival;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.text.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The removal of members who don't verify in time: counting them from joining, forgetting them when they verify or
 * leave, and sweeping for due warnings and kicks. Each batch is taken from the store and queued in the outbox in
 * one transaction, so a member's warning and kick are queued once however many instances sweep.
 */
public final class UnverifiedRemovals implements RemoveUnverifiedMembers {
    private static final System.Logger LOG = System.getLogger(UnverifiedRemovals.class.getName());
    /** Members taken per transaction. */
    static final int BATCH = 100;

    private final Stores stores;
    private final Clock clock;

    public UnverifiedRemovals(Stores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Swept sweep() {
        Instant now = clock.instant();
        int warned = 0;
        int removed = 0;
        for (TenantSettings tenant : stores.tenants().all()) {
            for (GuildSettings guild : stores.guilds().ofTenant(tenant.id())) {
                if (guild.enabled() && guild.removeUnverified().removes()) {
                    removed += removeDue(guild, now);
                    warned += warnDue(guild, tenant, now);
                }
            }
        }
        return new Swept(warned, removed);
    }

    private int warnDue(GuildSettings guild, TenantSettings tenant, Instant now) {
        UnverifiedRemoval removal = guild.removeUnverified();
        Instant joinedBy = now.minus(removal.after().orElseThrow()).plus(removal.warningLead());
        int queued = 0;
        int taken;
        do {
            int[] counts = stores.transactions().inTransaction(() -> {
                List<Arrival> due = stores.arrivals().takeDueWarnings(guild.guild(), joinedBy, now, BATCH);
                List<MemberUpdate> warnings = new ArrayList<>();
                List<DiscordUserId> verified = new ArrayList<>();
                for (Arrival arrival : due) {
                    if (stores.membershipIndex().statusOf(guild.tenant(), arrival.member()) == MemberStatus.VERIFIED) {
                        verified.add(arrival.member());
                        continue;
                    }
                    // Discord tells no member's language before they use a command, so the warning speaks the tenant's
                    MemberNotice notice = new MemberNotice.RemovalWarning(removal.removalAt(arrival.joinedAt(), now),
                            tenant.defaultLanguage(), tenant.timeZone());
                    warnings.add(MemberUpdate.of(guild.guild(), arrival.member(), new MemberChange.Notify(notice),
                            "Gatehouse: warning before removing unverified members", now));
                }
                verified.forEach(member -> stores.arrivals().forget(List.of(guild.guild()), member));
                stores.memberUpdates().enqueue(warnings);
                return new int[] {due.size(), warnings.size()};
            });
            taken = counts[0];
            queued += counts[1];
        } while (taken == BATCH);
        return queued;
    }

    private int removeDue(GuildSettings guild, Instant now) {
        UnverifiedRemoval removal = guild.removeUnverified();
        Duration time = removal.after().orElseThrow();
        String reason = reason(time);
        int queued = 0;
        int taken;
        do {
            int[] counts = stores.transactions().inTransaction(() -> {
                List<Arrival> due = stores.arrivals().takeDueRemovals(guild.guild(), now.minus(time), now.minus(removal.warningLead()),
                        BATCH);
                List<MemberUpdate> kicks = new ArrayList<>();
                List<AuditEntry> audit = new ArrayList<>();
                for (Arrival arrival : due) {
                    // the link itself, not the index: a kick must never hit a member who verified a moment ago elsewhere
                    if (stores.links().findByDiscordUser(guild.tenant(), arrival.member()).isPresent()) {
                        continue;
                    }
                    kicks.add(MemberUpdate.of(guild.guild(), arrival.member(), new MemberChange.Kick(), reason, now));
                    audit.add(new AuditEntry(guild.tenant(), "member.removed_unverified", "member " + arrival.member().value()
                            + " removed from server " + guild.guild().value() + ": not verified within "
                            + Durations.describe(time, Locale.ENGLISH), now));
                }
                stores.memberUpdates().enqueue(kicks);
                stores.audit().recordAll(audit);
                return new int[] {due.size(), kicks.size()};
            });
            taken = counts[0];
            queued += counts[1];
        } while (taken == BATCH);
        return queued;
    }

    /** The reason the server's audit log shows for the kick. */
    static String reason(Duration time) {
        return "Gatehouse: not verified within " + Durations.describe(time, Locale.ENGLISH) + " of joining";
    }

    @Override
    public PresentResult present(PresentCommand command) {
        try {
            Optional<GuildSettings> guild = stores.guilds().find(command.guild());
            if (guild.isEmpty()) {
                return new GuildNotSetUp();
            }
            if (!guild.get().removeUnverified().removes()) {
                return new Counted(0);
            }
            List<DiscordUserId> unverified = command.members().stream()
                    .filter(m -> stores.membershipIndex().statusOf(guild.get().tenant(), m) != MemberStatus.VERIFIED)
                    .toList();
            Instant now = clock.instant();
            return new Counted(stores.arrivals().arrived(command.guild(), unverified, now));
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "counting present members failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    @Override
    public void left(GuildId guild, DiscordUserId member) {
        try {
            stores.arrivals().forget(List.of(guild), member);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "forgetting a member who left failed: store unavailable: " + e.getMessage());
        }
    }

    /**
     * A member verified: no server of the tenant that removes unverified members counts them any more. Servers that
     * don't remove anyone count nobody, so a confirm in them costs no statement; the sweep skips verified members anyway.
     *
     * @param event the verification
     */
    public void verified(MemberVerified event) {
        List<GuildId> guilds = stores.guilds().ofTenant(event.link().tenant()).stream()
                .filter(guild -> guild.removeUnverified().removes())
                .map(GuildSettings::guild)
                .toList();
        if (!guilds.isEmpty()) {
            stores.arrivals().forget(guilds, event.link().discordUser());
        }
    }
}
