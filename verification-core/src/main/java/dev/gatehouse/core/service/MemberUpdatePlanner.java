package dev.gatehouse.core.service;

import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Turns "grant access" and "revoke access" into member updates for each server, per its options. Access is
 * granted only where verification is switched on, and revoked everywhere.
 */
final class MemberUpdatePlanner {
    private MemberUpdatePlanner() {
    }

    static List<MemberUpdate> grantAccess(Collection<GuildSettings> guilds, DiscordUserId member, Optional<DisplayName> name,
                                          String reason, Instant now) {
        List<MemberUpdate> updates = new ArrayList<>();
        for (GuildSettings guild : guilds) {
            if (!guild.enabled()) {
                continue;
            }
            guild.verifiedRole().ifPresent(role ->
                    updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.GrantRole(role), reason, now)));
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
            if (guild.setNickname()) {
                updates.add(MemberUpdate.of(guild.guild(), member, new MemberChange.ResetNickname(), reason, now));
            }
        }
        return updates;
    }
}
