package dev.gatehouse.core.service;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.Links.LinkInsert;
import dev.gatehouse.core.port.out.Stores;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Links a Discord account to a directory user once a member proved who they are (emailed link or site
 * hand-off), inside the caller's transaction: applies the relink policy, queues role and nickname for every
 * server of the tenant, audits, and adds the events. A member who proves again to be the person they are linked to,
 * when their tenant lets them renew, renews the link. On a conflict the caller must abort the transaction.
 */
final class Linking {
    private final Stores stores;

    Linking(Stores stores) {
        this.stores = stores;
    }

    /** What {@link #link} did. */
    sealed interface Outcome {
        record Made(Link link) implements Outcome {
        }

        /** The Discord account already holds a link in the tenant. */
        record AccountTaken() implements Outcome {
        }

        /** The directory user is linked elsewhere and the tenant refuses relinking. */
        record UserTaken() implements Outcome {
        }
    }

    /** The name for the member's nickname: the directory's, else {@code fallback}. */
    Optional<DisplayName> nicknameOf(TenantSettings tenant, DirectoryUserId user, Optional<DisplayName> fallback) {
        return stores.directory().find(tenant.id(), user).map(DirectoryUser::name).or(() -> fallback);
    }

    /** The person's groups in the directory, none if they are not in it. */
    Set<GroupName> groupsOf(TenantSettings tenant, DirectoryUserId user) {
        return stores.directory().find(tenant.id(), user).map(DirectoryUser::groups).orElse(Set.of());
    }

    /**
     * Tries the insert first, so the common case (neither side linked) costs one statement; only a conflict reads
     * further, and a directory user linked elsewhere moves when the tenant allows it.
     *
     * @param name  the name for the nickname (see {@link #nicknameOf})
     * @param proof how the member proved it, for role-change reasons ("by email")
     * @param language the member's language as they proved it, kept with the link for the messages near its end
     */
    Outcome link(TenantSettings tenant, DiscordUserId member, DirectoryUserId user, GuildId guild, LinkOrigin origin,
                 Optional<DisplayName> name, Set<GroupName> groups, String proof, Optional<Locale> language, Instant now,
                 List<VerificationEvent> committed) {
        Link link = new Link(tenant.id(), member, user, now, origin, language);
        LinkInsert insert = stores.links().insert(link);
        if (insert instanceof LinkInsert.DiscordUserTaken taken) {
            Link held = taken.existing();
            if (!held.directoryUser().equals(user) || !tenant.mayRenew(held.linkedAt(), now)) {
                return new Outcome.AccountTaken();
            }
            Optional<Link> renewed = stores.links().renew(tenant.id(), member, user, now, language);
            if (renewed.isPresent()) {
                return renewed(tenant, renewed.get(), guild, name, groups, proof, now, committed);
            }
            // lapsed and ended by the sweep meanwhile: verify as anyone else
            insert = stores.links().insert(link);
            if (insert instanceof LinkInsert.DiscordUserTaken) {
                return new Outcome.AccountTaken();
            }
        }
        List<GuildSettings> guilds = stores.guilds().ofTenant(tenant.id());
        if (insert instanceof LinkInsert.DirectoryUserTaken taken) {
            if (tenant.relinkPolicy() == RelinkPolicy.REFUSE) {
                return new Outcome.UserTaken();
            }
            Link previous = taken.existing();
            stores.links().remove(tenant.id(), previous.discordUser());
            stores.memberUpdates().enqueue(MemberUpdatePlanner.revokeAccess(guilds, previous.discordUser(),
                    "Gatehouse: directory user " + previous.directoryUser() + " verified another account", now));
            stores.audit().record(new AuditEntry(tenant.id(), "link.moved", "directory user " + previous.directoryUser()
                    + " moved from Discord user " + previous.discordUser() + " to " + member, now));
            committed.add(new MemberUnlinked(previous, member, now));
            LinkInsert again = stores.links().insert(link);
            if (again instanceof LinkInsert.DiscordUserTaken) {
                return new Outcome.AccountTaken();
            }
            if (again instanceof LinkInsert.DirectoryUserTaken) {
                return new Outcome.UserTaken();
            }
        }
        stores.memberUpdates().enqueue(MemberUpdatePlanner.grantAccess(guilds, member, name, groups,
                "Gatehouse: verified as " + user + " " + proof, now));
        stores.audit().record(new AuditEntry(tenant.id(), "verification.confirmed",
                "Discord user " + member + " verified as " + user + " " + proof, now));
        committed.add(new MemberVerified(link, guild, now));
        return new Outcome.Made(link);
    }

    /** The member verified again near the end of their verification: it holds for another lifetime from now. */
    private Outcome renewed(TenantSettings tenant, Link link, GuildId guild, Optional<DisplayName> name, Set<GroupName> groups,
                            String proof, Instant now, List<VerificationEvent> committed) {
        // granting again is harmless and puts back a role someone removed by hand
        stores.memberUpdates().enqueue(MemberUpdatePlanner.grantAccess(stores.guilds().ofTenant(tenant.id()), link.discordUser(),
                name, groups, "Gatehouse: verification renewed as " + link.directoryUser() + " " + proof, now));
        stores.audit().record(new AuditEntry(tenant.id(), "verification.renewed",
                "Discord user " + link.discordUser() + " renewed the verification as " + link.directoryUser() + " " + proof, now));
        committed.add(new MemberVerified(link, guild, now));
        return new Outcome.Made(link);
    }
}
