package dev.gatehouse.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One change a server admin makes to a server's options; the core applies a list of them in order. A new server
 * option is a component of {@link GuildSettings} plus one record here, which each adapter renders.
 */
public sealed interface GuildSettingChange {

    /**
     * The settings with this change made.
     *
     * @param settings the server's current settings
     * @return the changed settings
     */
    GuildSettings applyTo(GuildSettings settings);

    /**
     * The role granted on verification.
     *
     * @param role the role
     */
    record VerifiedRole(RoleId role) implements GuildSettingChange {
        public VerifiedRole {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withVerifiedRole(role);
        }
    }

    /**
     * Whether unverified members' messages are deleted.
     *
     * @param on true to delete them
     */
    record GateMessages(boolean on) implements GuildSettingChange {
        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withGateMessages(on);
        }
    }

    /**
     * Whether verified members' nicknames are set to their names from the directory.
     *
     * @param on true to set them
     */
    record SetNickname(boolean on) implements GuildSettingChange {
        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withSetNickname(on);
        }
    }

    /**
     * Whether joiners get a direct message pointing at {@code /verify}.
     *
     * @param on true to send it
     */
    record DmOnJoin(boolean on) implements GuildSettingChange {
        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withDmOnJoin(on);
        }
    }

    /**
     * The channel for notices about verifications, or none.
     *
     * @param channel the channel, or empty for none
     */
    record LogChannel(Optional<ChannelId> channel) implements GuildSettingChange {
        public LogChannel {
            Objects.requireNonNull(channel, "channel");
        }

        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withLogChannel(channel);
        }
    }

    /**
     * Whether verification is on in this server at all.
     *
     * @param on true to verify members here
     */
    record Enabled(boolean on) implements GuildSettingChange {
        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withEnabled(on);
        }
    }

    /**
     * Whether joiners are asked to verify right away.
     *
     * @param on true to ask them
     */
    record VerifyOnJoin(boolean on) implements GuildSettingChange {
        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withVerifyOnJoin(on);
        }
    }

    /**
     * Whether members who keep answering the question wrong are kicked, and after how many.
     *
     * @param policy when members are kicked
     */
    record Kick(KickPolicy policy) implements GuildSettingChange {
        public Kick {
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withKickPolicy(policy);
        }
    }

    /**
     * The server's own question, or empty to fall back to the tenant's.
     *
     * @param question the question, or empty for the tenant's
     */
    record OwnQuestion(Optional<VerificationQuestion> question) implements GuildSettingChange {
        public OwnQuestion {
            Objects.requireNonNull(question, "question");
        }

        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withQuestion(question);
        }
    }

    /**
     * Members of {@code group} also get {@code role} here; an empty role ends the mapping.
     *
     * @param group the directory group
     * @param role the role its members get, or empty to give them none
     */
    record GroupRole(GroupName group, Optional<RoleId> role) implements GuildSettingChange {
        public GroupRole {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return role.map(r -> settings.withGroupRole(group, r)).orElseGet(() -> settings.withoutGroupRole(group));
        }
    }

    /**
     * Whether members who haven't verified within a time of joining are removed, and after how long.
     *
     * @param removal the setting
     */
    record RemoveUnverified(UnverifiedRemoval removal) implements GuildSettingChange {
        public RemoveUnverified {
            Objects.requireNonNull(removal, "removal");
        }

        @Override
        public GuildSettings applyTo(GuildSettings settings) {
            return settings.withRemoveUnverified(removal);
        }
    }
}
