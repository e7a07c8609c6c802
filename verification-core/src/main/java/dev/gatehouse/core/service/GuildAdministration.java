package dev.gatehouse.core.service;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.Links.LinkInsert;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** Binding, configuring and inspecting servers; linking and unlinking members by hand or by themselves. */
public final class GuildAdministration implements AdministerGuild {
    private static final System.Logger LOG = System.getLogger(GuildAdministration.class.getName());

    private final Stores stores;
    private final Clock clock;
    private final EventBus events;

    public GuildAdministration(Stores stores, Clock clock, EventBus events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public BindResult bind(BindCommand command) {
        return guarded("bind", () -> {
            Optional<TenantSettings> tenant = stores.tenants().find(command.tenant());
            if (tenant.isEmpty()) {
                return new TenantNotFound(command.tenant());
            }
            Optional<GuildSettings> current = stores.guilds().find(command.guild());
            if (current.isPresent() && current.get().tenant().equals(command.tenant())) {
                return new Bound(current.get());
            }
            if (current.isPresent() && command.rebinding() == Rebinding.KEEP_CURRENT_TENANT) {
                return new BoundToAnotherTenant(current.get().tenant());
            }
            if (command.authority() == Authority.GUILD_ADMIN) {
                if (tenant.get().guildBinding() != GuildBindingPolicy.GUILD_ADMINS) {
                    return new BindingNotAllowed(command.tenant());
                }
            }
            GuildSettings settings = current.map(c -> c.withTenant(command.tenant()))
                    .orElseGet(() -> GuildSettings.boundTo(command.guild(), command.tenant()));
            try {
                saveBinding(command, settings, current);
            } catch (IllegalArgumentException tenantDeletedMeanwhile) {
                return new TenantNotFound(command.tenant());
            }
            return new Bound(settings);
        });
    }

    /** Saves and audits the binding; the store refuses it with {@link IllegalArgumentException} if the tenant is gone. */
    private void saveBinding(BindCommand command, GuildSettings settings, Optional<GuildSettings> current) {
        Instant now = clock.instant();
        stores.transactions().inTransaction(() -> {
            stores.guilds().save(settings);
            stores.audit().record(new AuditEntry(command.tenant(), "guild.bound", "server " + command.guild()
                    + " bound by " + command.authority().name().toLowerCase(Locale.ROOT)
                    + current.map(c -> ", moved from tenant " + c.tenant()).orElse(""), now));
            current.ifPresent(c -> stores.audit().record(new AuditEntry(c.tenant(), "guild.moved", "server " + command.guild()
                    + " moved to tenant " + command.tenant() + " by the operator", now)));
            return null;
        });
    }

    @Override
    public UnbindResult unbind(GuildId guild) {
        return guarded("unbind", () -> stores.transactions().inTransaction(() -> {
            Optional<GuildSettings> removed = stores.guilds().remove(guild);
            if (removed.isEmpty()) {
                return new GuildNotSetUp();
            }
            stores.audit().record(new AuditEntry(removed.get().tenant(), "guild.unbound", "server " + guild
                    + " unbound by the operator", clock.instant()));
            return new Unbound(removed.get());
        }));
    }

    @Override
    public List<GuildSettings> serversOf(TenantId tenant) {
        return stores.guilds().ofTenant(tenant);
    }

    @Override
    public ConfigureResult configure(ConfigureCommand command) {
        return guarded("configure", () -> {
            Optional<GuildSettings> current = stores.guilds().find(command.guild());
            if (current.isEmpty()) {
                return new GuildNotSetUp();
            }
            GuildSettings settings = current.get();
            for (GuildSettingChange change : command.changes()) {
                settings = change.applyTo(settings);
            }
            GuildSettings updated = settings;
            boolean removalEnded = current.get().removeUnverified().removes() && !updated.removeUnverified().removes();
            stores.transactions().inTransaction(() -> {
                stores.guilds().save(updated);
                if (removalEnded) {
                    // turned on again later, members count afresh from then
                    stores.arrivals().forgetServer(updated.guild());
                }
                stores.audit().record(new AuditEntry(updated.tenant(), "guild.configured", "server " + updated.guild()
                        + " options changed", clock.instant()));
                return null;
            });
            return new Configured(updated);
        });
    }

    @Override
    public StatusResult status(GuildId guild) {
        return guarded("status", () -> {
            Optional<GuildSettings> settings = stores.guilds().find(guild);
            Optional<TenantSettings> tenant = settings.flatMap(s -> stores.tenants().find(s.tenant()));
            if (tenant.isEmpty()) {
                return new GuildNotSetUp();
            }
            long linked = stores.links().count(tenant.get().id());
            long directory = stores.directory().count(tenant.get().id());
            GuildSettings guildSettings = settings.get();
            List<SetupWarning> warnings = new ArrayList<>();
            if (!guildSettings.enabled()) {
                warnings.add(new SetupWarning.VerificationOff());
            }
            warnings.addAll(RequestService.setupProblems(guildSettings, tenant.get()));
            if (guildSettings.verifiedRole().isEmpty()) {
                warnings.add(new SetupWarning.NoVerifiedRole());
            }
            if (directory == 0 && tenant.get().method() == VerificationMethod.EMAIL_LINK) {
                warnings.add(new SetupWarning.EmptyDirectory());
            }
            if (guildSettings.kickPolicy().kicks() && guildSettings.questionUnder(tenant.get()).isEmpty()) {
                warnings.add(new SetupWarning.KickWithoutQuestion());
            }
            int kickAfter = guildSettings.kickPolicy().kickAfter().orElse(0);
            tenant.get().rateLimits().perDiscordUser().stream().filter(rule -> rule.limit() < kickAfter).findFirst().ifPresent(rule ->
                    warnings.add(new SetupWarning.KickAfterRateLimit(rule.limit(), rule.window(), kickAfter)));
            if (guildSettings.verifyOnJoin() && guildSettings.dmOnJoin()) {
                warnings.add(new SetupWarning.JoinHintAndVerifyOnJoin());
            }
            if (guildSettings.gateMessages() && guildSettings.verifiedRole().isEmpty()) {
                warnings.add(new SetupWarning.GateWithoutRole());
            }
            return new GuildStatus(settings.get(), tenant.get(), linked, directory, warnings);
        });
    }

    @Override
    public WhoisResult whois(GuildId guild, DiscordUserId member) {
        return guarded("whois", () -> {
            Optional<GuildSettings> settings = stores.guilds().find(guild);
            if (settings.isEmpty()) {
                return new GuildNotSetUp();
            }
            Optional<TenantSettings> tenant = stores.tenants().find(settings.get().tenant());
            return stores.links().findByDiscordUser(settings.get().tenant(), member)
                    .<WhoisResult>map(link -> new LinkedTo(link, stores.directory().find(link.tenant(), link.directoryUser()),
                            tenant.flatMap(t -> t.verificationHoldsUntil(link.linkedAt()))))
                    .orElseGet(() -> new NotLinked(member));
        });
    }

    @Override
    public LinkResult link(LinkMemberCommand command) {
        return guarded("link", () -> {
            Optional<GuildSettings> settings = stores.guilds().find(command.guild());
            if (settings.isEmpty()) {
                return new GuildNotSetUp();
            }
            DirectoryUserId userId;
            try {
                userId = new DirectoryUserId(command.userId());
            } catch (IllegalArgumentException e) {
                return new InvalidUserId(e.getMessage());
            }
            Optional<DirectoryUser> user = stores.directory().find(settings.get().tenant(), userId);
            if (user.isEmpty()) {
                return new NoSuchUser(userId.value());
            }
            Instant now = clock.instant();
            Link link = new Link(settings.get().tenant(), command.member(), userId, now, LinkOrigin.ADMIN);
            LinkResult result = stores.transactions().inTransaction(() -> {
                LinkInsert insert = stores.links().insert(link);
                if (insert instanceof LinkInsert.DiscordUserTaken taken) {
                    return new MemberAlreadyLinked(taken.existing());
                }
                if (insert instanceof LinkInsert.DirectoryUserTaken taken) {
                    return new UserAlreadyLinked(taken.existing());
                }
                stores.memberUpdates().enqueue(MemberUpdatePlanner.grantAccess(stores.guilds().ofTenant(link.tenant()),
                        link.discordUser(), Optional.of(user.get().name()), user.get().groups(),
                        "Gatehouse: linked to " + userId + " by admin " + command.actor(), now));
                stores.audit().record(new AuditEntry(link.tenant(), "link.manual", "admin " + command.actor()
                        + " linked Discord user " + link.discordUser() + " to " + userId, now));
                return new Linked(link, user.get());
            });
            if (result instanceof Linked) {
                events.publish(List.of(new MemberVerified(link, command.guild(), now)));
            }
            return result;
        });
    }

    @Override
    public UnlinkResult unlink(UnlinkCommand command) {
        return guarded("unlink", () -> {
            Optional<GuildSettings> settings = stores.guilds().find(command.guild());
            if (settings.isEmpty()) {
                return new GuildNotSetUp();
            }
            Instant now = clock.instant();
            boolean self = command.actor().equals(command.member());
            Optional<Link> removed = stores.transactions().inTransaction(() -> {
                Optional<Link> link = stores.links().remove(settings.get().tenant(), command.member());
                link.ifPresent(l -> {
                    stores.memberUpdates().enqueue(MemberUpdatePlanner.revokeAccess(stores.guilds().ofTenant(l.tenant()),
                            l.discordUser(), self ? "Gatehouse: member unverified themselves"
                                    : "Gatehouse: unlinked by admin " + command.actor(), now));
                    stores.audit().record(new AuditEntry(l.tenant(), self ? "link.self_removed" : "link.removed",
                            "Discord user " + l.discordUser() + " unlinked from " + l.directoryUser() + " by " + command.actor(), now));
                });
                return link;
            });
            if (removed.isEmpty()) {
                return new NotLinked(command.member());
            }
            events.publish(List.of(new MemberUnlinked(removed.get(), command.actor(), now)));
            return new Unlinked(removed.get());
        });
    }

    @Override
    public MembersResult members(MembersQuery query) {
        return guarded("members", () -> {
            Optional<GuildSettings> settings = stores.guilds().find(query.guild());
            if (settings.isEmpty()) {
                return new GuildNotSetUp();
            }
            long total = stores.links().count(settings.get().tenant());
            long offset = (long) query.page() * query.pageSize();
            List<Member> members = offset >= total ? List.of()
                    : stores.links().list(settings.get().tenant(), (int) offset, query.pageSize()).stream()
                    .map(l -> new Member(l, stores.directory().find(l.tenant(), l.directoryUser())))
                    .toList();
            return new MemberPage(members, query.page(), query.pageSize(), total);
        });
    }

    @SuppressWarnings("unchecked")
    private <R> R guarded(String act, Supplier<? extends R> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "admin " + act + " failed: store unavailable: " + e.getMessage());
            return (R) new ServiceUnavailable();
        }
    }
}
