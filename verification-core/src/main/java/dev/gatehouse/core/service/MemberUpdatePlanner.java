package dev.gatehouse.core.service;

import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns "grant access", "revoke access" and "their groups changed" into member updates for each server, per its
 * options. Access is granted only where verification is switched on, and revoked everywhere (with every mapped role).
 */
final class MemberUpdatePlanner {
    private MemberUpdatePlanner() {
    }

    static List<MemberUpdate> grantAccess(Collection<GuildSettings> guilds, DiscordUserId member, Optional<DisplayName> name,
                                          String reason, Instant now) {
        return grantAccess(guilds, member, name, Set.of(), reason, now);
    }

    /** The verified role, the roles mapped to the person's groups, and the nickname, in every server where verification is on. */
    static List<MemberUpdate> grantAccess(Collection<GuildSettings> guilds, DiscordUserId member, Optional<DisplayName> name,
                                          Set<GroupName> groups, String reason, Instant now) {
        List<MemberUpdate> updates = new ArrayList<>();
        for (GuildSettings guild : guilds) {
            if (!guild.enabled()) {
                continue;
            }
            guild.verifiedRole().ifPresent(role ->
                    updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.GrantRole(role), reason, now)));
            for (RoleId role : guild.rolesOf(groups)) {
                updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.GrantRole(role), reason, now));
            }
            if (guild.setNickname()) {
                name.ifPresent(n -> updates.add(MemberUpdate.of(guild.guild(), member,
                        new MemberChange.SetNickname(n.asNickname()), reason, now)));
            }
        }
        return updates;
    }

    static List<MemberUpdate> revokeAccess(Collection<GuildSettings> guilds, DiscordUserId member, String reason, Instant now) {
        List<MemberUpdate> updates = new ArrayList<>();
        for (GuildSettings guild : guilds) {
            guild.verifiedRole().ifPresent(role ->
                    updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.RevokeRole(role), reason, now)));
            for (RoleId role : guild.mappedRoles()) {
                updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.RevokeRole(role), reason, now));
            }
            if (guild.setNickname()) {
                updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.ResetNickname(), reason, now));
            }
        }
        return updates;
    }

    /**
     * A linked member's groups changed: in every server where verification is on, the roles mapped to the new groups
     * and not the old are granted, and those mapped to the old and not the new revoked.
     */
    static List<MemberUpdate> regroup(Collection<GuildSettings> guilds, DiscordUserId member, Set<GroupName> before,
                                      Set<GroupName> after, String reason, Instant now) {
        List<MemberUpdate> updates = new ArrayList<>();
        for (GuildSettings guild : guilds) {
            if (!guild.enabled()) {
                continue;
            }
            Set<RoleId> had = guild.rolesOf(before);
            Set<RoleId> gets = guild.rolesOf(after);
            for (RoleId role : had) {
                if (!gets.contains(role)) {
                    updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.RevokeRole(role), reason, now));
                }
            }
            for (RoleId role : gets) {
                if (!had.contains(role)) {
                    updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.GrantRole(role), reason, now));
                }
            }
        }
        return updates;
    }
}
