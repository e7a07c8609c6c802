package dev.gatehouse.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A Discord server bound to a tenant, with its own options: whether verification is on at all, the role
 * granted on verification, whether unverified members' messages are deleted, whether nicknames are set,
 * whether joiners get a hint or are asked to verify right away, whether members who keep answering the
 * question wrong are kicked, a question of its own that overrides the tenant's, and a channel for notices.
 *
 * @param guild the Discord server
 * @param tenant the tenant it is bound to
 * @param verifiedRole the role granted on verification, if set
 * @param gateMessages whether unverified members' messages are deleted
 * @param setNickname whether a verified member's nickname is set to their directory name
 * @param dmOnJoin whether joiners get a hint by direct message
 * @param logChannel the channel for notices, if set
 * @param enabled whether verification is on in this server
 * @param verifyOnJoin whether joiners are asked to verify right away
 * @param kickPolicy when members who keep answering wrong are kicked
 * @param question the server's own question, overriding the tenant's, if set
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

    /**
     * A fresh binding: verification on, no role yet, no gate, nicknames on, no DM, no kicks, the tenant's question.
     *
     * @param guild the server
     * @param tenant the tenant
     * @return the binding
     */
    public static GuildSettings boundTo(GuildId guild, TenantId tenant) {
        return new GuildSettings(guild, tenant, Optional.empty(), false, true, false, Optional.empty(), true, false,
                KickPolicy.never(), Optional.empty());
    }

    /**
     * The question members of this server answer: its own if set, else the tenant's, else none.
     *
     * @param tenantSettings the settings of the tenant the server is bound to
     * @return the question, or empty for none
     */
    public Optional<VerificationQuestion> questionUnder(TenantSettings tenantSettings) {
        return question.isPresent() ? question : tenantSettings.question();
    }

    /**
     * A copy with one option changed.
     *
     * @param newTenant the tenant to bind to
     * @return the copy
     */
    public GuildSettings withTenant(TenantId newTenant) {
        return new GuildSettings(guild, newTenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param role the role granted on verification
     * @return the copy
     */
    public GuildSettings withVerifiedRole(RoleId role) {
        return new GuildSettings(guild, tenant, Optional.of(role), gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param gate whether unverified members' messages are deleted
     * @return the copy
     */
    public GuildSettings withGateMessages(boolean gate) {
        return new GuildSettings(guild, tenant, verifiedRole, gate, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param nickname whether nicknames are set
     * @return the copy
     */
    public GuildSettings withSetNickname(boolean nickname) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, nickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param dm whether joiners get a hint by direct message
     * @return the copy
     */
    public GuildSettings withDmOnJoin(boolean dm) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dm, logChannel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param channel the channel for notices, or empty for none
     * @return the copy
     */
    public GuildSettings withLogChannel(Optional<ChannelId> channel) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, channel, enabled,
                verifyOnJoin, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param on whether verification is on
     * @return the copy
     */
    public GuildSettings withEnabled(boolean on) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, on,
                verifyOnJoin, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param on whether joiners are asked to verify right away
     * @return the copy
     */
    public GuildSettings withVerifyOnJoin(boolean on) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                on, kickPolicy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param policy when members are kicked
     * @return the copy
     */
    public GuildSettings withKickPolicy(KickPolicy policy) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, policy, question);
    }

    /**
     * A copy with one option changed.
     *
     * @param own the server's own question, or empty to use the tenant's
     * @return the copy
     */
    public GuildSettings withQuestion(Optional<VerificationQuestion> own) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, own);
    }
}
