package dev.gatehouse.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A Discord server bound to a tenant, with its own options: whether verification is on at all, the role
 * granted on verification, whether unverified members' messages are deleted, whether nicknames are set,
 * whether joiners get a hint or are asked to verify right away, whether members who keep answering the
 * question wrong are kicked, a question of its own that overrides the tenant's, and a channel for notices.
 */
public record GuildSettings(
        GuildId guild,
        TenantId tenant,
        Optional<RoleId> verifiedRole,
        boolean gateMessages,
        boolean setNickname,
        boolean dmOnJoin,
        Optional<ChannelId> logChannel,
        boolean enabled,
        boolean verifyOnJoin,
        KickPolicy kickPolicy,
        Optional<VerificationQuestion> question) {

    public GuildSettings {
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(verifiedRole, "verifiedRole");
        Objects.requireNonNull(logChannel, "logChannel");
        Objects.requireNonNull(kickPolicy, "kickPolicy");
        Objects.requireNonNull(question, "question");
    }

    /** A fresh binding: verification on, no role yet, no gate, nicknames on, no DM, no kicks, the tenant's question. */
    public static GuildSettings boundTo(GuildId guild, TenantId tenant) {
        return new GuildSettings(guild, tenant, Optional.empty(), false, true, false, Optional.empty(), true, false,
                KickPolicy.never(), Optional.empty());
    }

    /** The question members of this server answer: its own if set, else the tenant's, else none. */
    public Optional<VerificationQuestion> questionUnder(TenantSettings tenantSettings) {
        return question.isPresent() ? question : tenantSettings.question();
    }

    public GuildSettings withTenant(TenantId newTenant) {
        return new GuildSettings(guild, newTenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    public GuildSettings withVerifiedRole(RoleId role) {
        return new GuildSettings(guild, tenant, Optional.of(role), gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    public GuildSettings withGateMessages(boolean gate) {
        return new GuildSettings(guild, tenant, verifiedRole, gate, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    public GuildSettings withSetNickname(boolean nickname) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, nickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    public GuildSettings withDmOnJoin(boolean dm) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dm, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    public GuildSettings withLogChannel(Optional<ChannelId> channel) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, channel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    public GuildSettings withEnabled(boolean on) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, on,
                verifyOnJoin, kickPolicy, question);
    }

    public GuildSettings withVerifyOnJoin(boolean on) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                on, kickPolicy, question);
    }

    public GuildSettings withKickPolicy(KickPolicy policy) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, policy, question);
    }

    public GuildSettings withQuestion(Optional<VerificationQuestion> own) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, own);
    }
}
