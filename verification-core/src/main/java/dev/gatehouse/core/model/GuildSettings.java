package dev.gatehouse.core.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Optional;

/**
 * A Discord server bound to a tenant, with its own options: whether verification is on at all, the role
 * granted on verification, whether unverified members' messages are deleted, whether nicknames are set,
 * whether joiners get a hint or are asked to verify right away, whether members who keep answering the
 * question wrong are kicked, a question of its own that overrides the tenant's, a channel for notices, and the
 * roles given to members of directory groups, and whether members who don't verify in time are removed.
 *
 * @param guild the server
 * @param tenant the tenant it is bound to
 * @param verifiedRole the role granted on verification; empty until an admin sets one
 * @param gateMessages whether unverified members' messages are deleted
 * @param setNickname whether verified members' nicknames are set to their real names
 * @param dmOnJoin whether joiners get a hint by direct message
 * @param logChannel the channel for notices, or empty for none
 * @param enabled whether verification is on
 * @param verifyOnJoin whether joiners are asked to verify right away
 * @param kickPolicy when members who keep answering the question wrong are kicked
 * @param question the server's own question, or empty to use the tenant's
 * @param groupRoles the role given to members of each directory group, besides the verified role; empty for none
 * @param removeUnverified whether and when members who haven't verified since joining are removed
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
        Optional<VerificationQuestion> question,
        SortedMap<GroupName, RoleId> groupRoles,
        UnverifiedRemoval removeUnverified) {

    public GuildSettings {
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(verifiedRole, "verifiedRole");
        Objects.requireNonNull(logChannel, "logChannel");
        Objects.requireNonNull(kickPolicy, "kickPolicy");
        Objects.requireNonNull(question, "question");
        groupRoles = Collections.unmodifiableSortedMap(new TreeMap<>(groupRoles));
        Objects.requireNonNull(removeUnverified, "removeUnverified");
    }

    /**
     * A fresh binding: verification on, no role yet, no gate, nicknames on, no DM, no kicks, the tenant's question, nobody removed.
     *
     * @param guild the server
     * @param tenant the tenant
     * @return the binding
     */
    public static GuildSettings boundTo(GuildId guild, TenantId tenant) {
        return new GuildSettings(guild, tenant, Optional.empty(), false, true, false, Optional.empty(), true, false,
                KickPolicy.never(), Optional.empty(), new TreeMap<>(), UnverifiedRemoval.never());
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
                verifyOnJoin, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param role the role granted on verification
     * @return the copy
     */
    public GuildSettings withVerifiedRole(RoleId role) {
        return new GuildSettings(guild, tenant, Optional.of(role), gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param gate whether unverified members' messages are deleted
     * @return the copy
     */
    public GuildSettings withGateMessages(boolean gate) {
        return new GuildSettings(guild, tenant, verifiedRole, gate, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param nickname whether nicknames are set
     * @return the copy
     */
    public GuildSettings withSetNickname(boolean nickname) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, nickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param dm whether joiners get a hint by direct message
     * @return the copy
     */
    public GuildSettings withDmOnJoin(boolean dm) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dm, logChannel, enabled,
                verifyOnJoin, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param channel the channel for notices, or empty for none
     * @return the copy
     */
    public GuildSettings withLogChannel(Optional<ChannelId> channel) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, channel, enabled,
                verifyOnJoin, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param on whether verification is on
     * @return the copy
     */
    public GuildSettings withEnabled(boolean on) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, on,
                verifyOnJoin, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param on whether joiners are asked to verify right away
     * @return the copy
     */
    public GuildSettings withVerifyOnJoin(boolean on) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                on, kickPolicy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param policy when members are kicked
     * @return the copy
     */
    public GuildSettings withKickPolicy(KickPolicy policy) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, policy, question, groupRoles, removeUnverified);
    }

    /**
     * A copy with one option changed.
     *
     * @param own the server's own question, or empty to use the tenant's
     * @return the copy
     */
    public GuildSettings withQuestion(Optional<VerificationQuestion> own) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, own, groupRoles, removeUnverified);
    }

    /**
     * Members in {@code group} also get {@code role} here.
     *
     * @param group the directory group
     * @param role the role its members get; replaces the group's former role
     * @return the copy
     */
    public GuildSettings withGroupRole(GroupName group, RoleId role) {
        SortedMap<GroupName, RoleId> roles = new TreeMap<>(groupRoles);
        roles.put(group, role);
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question, roles, removeUnverified);
    }

    /**
     * Members in {@code group} no longer get a role of their own here.
     *
     * @param group the directory group
     * @return the copy; the same settings if the group had no role
     */
    public GuildSettings withoutGroupRole(GroupName group) {
        SortedMap<GroupName, RoleId> roles = new TreeMap<>(groupRoles);
        roles.remove(group);
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question, roles, removeUnverified);
    }

    /**
     * The roles mapped here to any of these groups (never the verified role).
     *
     * @param groups a member's groups
     * @return the roles, in the groups' order; empty if none is mapped
     */
    public Set<RoleId> rolesOf(Set<GroupName> groups) {
        Set<RoleId> roles = new LinkedHashSet<>();
        groups.forEach(g -> Optional.ofNullable(groupRoles.get(g)).filter(r -> verifiedRole.map(v -> !v.equals(r)).orElse(true))
                .ifPresent(roles::add));
        return roles;
    }

    /**
     * Every role mapped here to a group (never the verified role).
     *
     * @return the roles; empty if no group is mapped
     */
    public Set<RoleId> mappedRoles() {
        return rolesOf(groupRoles.keySet());
    }

    /**
     * A copy with one option changed.
     *
     * @param removal whether and when members who haven't verified are removed
     * @return the copy
     */
    public GuildSettings withRemoveUnverified(UnverifiedRemoval removal) {
        return new GuildSettings(guild, tenant, verifiedRole, gateMessages, setNickname, dmOnJoin, logChannel, enabled,
                verifyOnJoin, kickPolicy, question, groupRoles, removal);
    }
}
