package dev.gatehouse.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A Discord server bound to a tenant, with its own options: the role granted on verification, whether
 * unverified members' messages are deleted, whether nicknames are set, whether joiners get a DM, and a
 * channel for audit notices.
 */
public record GuildSettings(
        GuildId guild,
        TenantId tenant,
        Optional<RoleId> verifiedRole,
        boolean gateMessages,
        boolean setNickname,
        boolean dmOnJoin,
        Optional<ChannelId> logChannel) {

    public GuildSettings {
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(verifiedRole, "verifiedRole");
        Objects.requireNonNull(logChannel, "logChannel");
    }

    /** A fresh binding: no role yet, no gate, nicknames on, no DM, no log channel. */
    public static GuildSettings boundTo(GuildId guild, TenantId tenant) {
        return new GuildSettings(guild, tenant, Optional.empty(), false, true, false, Optional.empty());
    }

    public GuildSettings withVerifiedRole(RoleId role) {
        return new GuildSettings(guild, tenant, Optional.of(role), gateMessages, setNickname, dmOnJoin, logChannel);
    }

    public GuildSettings withGateMessages(boolean gate) {
        return new GuildSettings(guild, tenant, verifiedRole, gate, setNickname, dmOnJoin, logChannel);
    }

    public GuildSettings withSetNickname(boolean nickname) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, nickname, dmOnJoin, logChannel);
    }

    public GuildSettings withDmOnJoin(boolean dm) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dm, logChannel);
    }

    public GuildSettings withLogChannel(Optional<ChannelId> channel) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, channel);
    }
}
