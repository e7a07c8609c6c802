package dev.gatehouse.core.service;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The message gate and the welcome of joining members. */
public final class MembershipService implements GateMessages, WelcomeMembers {
    private static final System.Logger LOG = System.getLogger(MembershipService.class.getName());

    private final Stores stores;
    private final Clock clock;

    public MembershipService(Stores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public GateDecision decide(GateCommand command) {
        Optional<GuildSettings> guild = stores.guilds().find(command.guild());
        if (guild.isEmpty() || !guild.get().gateMessages() || !guild.get().enabled()) {
            return GateDecision.KEEP_SERVER_NOT_GATED;
        }
        if (command.authorIsBot()) {
            return GateDecision.KEEP_BOT;
        }
        MemberStatus status = stores.membershipIndex().statusOf(guild.get().tenant(), command.author());
        return status == MemberStatus.VERIFIED ? GateDecision.KEEP_VERIFIED : GateDecision.DELETE_UNVERIFIED;
    }

    @Override
    public JoinResult joined(JoinCommand command) {
        try {
            Optional<GuildSettings> guild = stores.guilds().find(command.guild());
            if (guild.isEmpty()) {
                return new GuildNotSetUp();
            }
            Optional<Link> link = stores.links().findByDiscordUser(guild.get().tenant(), command.member());
            if (link.isPresent()) {
                Instant now = clock.instant();
                Optional<DirectoryUser> person = stores.directory().find(link.get().tenant(), link.get().directoryUser());
                List<MemberUpdate> updates = MemberUpdatePlanner.grantAccess(List.of(guild.get()), command.member(),
                        person.map(DirectoryUser::name), person.map(DirectoryUser::groups).orElse(Set.of()),
                        "Gatehouse: verified member joined", now);
                stores.transactions().inTransaction(() -> {
                    stores.memberUpdates().enqueue(updates);
                    return null;
                });
                return new AccessRestored(link.get());
            }
            if (guild.get().removeUnverified().removes()) {
                stores.arrivals().arrived(command.guild(), Set.of(command.member()), clock.instant());
            }
            if (!guild.get().enabled() || !(guild.get().verifyOnJoin() || guild.get().dmOnJoin())) {
                return new NothingToDo();
            }
            String tenantName = stores.tenants().find(guild.get().tenant()).map(TenantSettings::displayName)
                    .orElse(guild.get().tenant().value());
            if (guild.get().verifyOnJoin()) {
                return new OfferVerification(tenantName);
            }
            return new SendVerifyHint(tenantName);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "member join handling failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }
}
