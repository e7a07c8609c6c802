package dev.gatehouse.discord;

import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.port.in.SetupWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the bot can and can't do in a server, and the warnings that follow from it for admins. Pure: the
 * Javacord side gathers the {@link Facts}.
 */
final class SetupCheck {

    /** The verified role as the server has it. */
    record RoleFacts(String name, int position, boolean everyone, boolean managed) {
    }

    /**
     * The bot's permissions and highest role position in the server, and the verified role if one is set
     * and still exists.
     */
    record Facts(boolean manageRoles, boolean manageNicknames, boolean manageMessages, boolean kickMembers, int botTopPosition,
                 Optional<RoleFacts> verifiedRole, Map<RoleId, Optional<RoleFacts>> groupRoles) {
        Facts {
            groupRoles = Map.copyOf(groupRoles);
        }

        Facts(boolean manageRoles, boolean manageNicknames, boolean manageMessages, boolean kickMembers, int botTopPosition,
              Optional<RoleFacts> verifiedRole) {
            this(manageRoles, manageNicknames, manageMessages, kickMembers, botTopPosition, verifiedRole, Map.of());
        }
    }

    private SetupCheck() {
    }

    /** Why a role can't be the verified role, or empty if it can. */
    static Optional<String> unusableRole(RoleFacts role, int botTopPosition) {
        if (role.everyone()) {
            return Optional.of(Messages.text("setup.roleNotUsable.everyone"));
        }
        if (role.managed()) {
            return Optional.of(Messages.text("setup.roleNotUsable.managed"));
        }
        if (role.position() >= botTopPosition) {
            return Optional.of(Messages.text("setup.roleNotUsable.aboveBot"));
        }
        return Optional.empty();
    }

    /** A problem with a server's setup as admins read it: one of the core's, or one the bot sees in Discord. */
    sealed interface Warning permits FromCore, VerifiedRoleGone, VerifiedRoleAboveBot, MissingPermission, GroupRoleUnusable,
            RemovalWithoutKickMembers {
    }

    /** A role mapped to a group that the bot can't grant: deleted, above the bot, managed by an integration, or @everyone. */
    record GroupRoleUnusable(GroupName group, RoleId role, boolean gone) implements Warning {
        GroupRoleUnusable {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(role, "role");
        }
    }

    /** A warning the core reports (the bot reports one of them, no verified role, itself after setup). */
    record FromCore(SetupWarning warning) implements Warning {
        FromCore {
            Objects.requireNonNull(warning, "warning");
        }
    }

    /** The verified role was deleted in Discord. */
    record VerifiedRoleGone() implements Warning {
    }

    /** The bot's highest role is not above the verified role, so it can't grant it. */
    record VerifiedRoleAboveBot() implements Warning {
    }

    /** The bot lacks a permission the server's settings need. */
    record MissingPermission(Permission permission) implements Warning {
        MissingPermission {
            Objects.requireNonNull(permission, "permission");
        }
    }

    /**
     * The server removes members who don't verify in time, but the bot lacks Kick Members: they get the warning and
     * stay. Apart from {@link MissingPermission}, since kicking after wrong answers needs the same permission.
     */
    record RemovalWithoutKickMembers() implements Warning {
    }

    /** The permissions the bot may need, each for one setting. */
    enum Permission {
        MANAGE_ROLES, MANAGE_NICKNAMES, MANAGE_MESSAGES, KICK_MEMBERS
    }

    static List<Warning> warnings(GuildSettings settings, Facts facts) {
        List<Warning> warnings = new ArrayList<>();
        if (settings.verifiedRole().isEmpty()) {
            warnings.add(new FromCore(new SetupWarning.NoVerifiedRole()));
        } else if (facts.verifiedRole().isEmpty()) {
            warnings.add(new VerifiedRoleGone());
        } else if (facts.verifiedRole().get().position() >= facts.botTopPosition()) {
            warnings.add(new VerifiedRoleAboveBot());
        }
        settings.groupRoles().forEach((group, role) -> {
            Optional<RoleFacts> found = facts.groupRoles().getOrDefault(role, Optional.empty());
            if (found.isEmpty()) {
                warnings.add(new GroupRoleUnusable(group, role, true));
            } else if (unusableRole(found.get(), facts.botTopPosition()).isPresent()) {
                warnings.add(new GroupRoleUnusable(group, role, false));
            }
        });
        if (!facts.manageRoles()) {
            warnings.add(new MissingPermission(Permission.MANAGE_ROLES));
        }
        if (settings.setNickname() && !facts.manageNicknames()) {
            warnings.add(new MissingPermission(Permission.MANAGE_NICKNAMES));
        }
        if (settings.gateMessages() && !facts.manageMessages()) {
            warnings.add(new MissingPermission(Permission.MANAGE_MESSAGES));
        }
        if (settings.kickPolicy().kicks() && !facts.kickMembers()) {
            warnings.add(new MissingPermission(Permission.KICK_MEMBERS));
        }
        if (settings.removeUnverified().removes() && !facts.kickMembers()) {
            warnings.add(new RemovalWithoutKickMembers());
        }
        return warnings;
    }

    /** The core's warnings, then the bot's own that the core didn't already report, each once. */
    static List<Warning> merged(List<SetupWarning> core, List<Warning> discord) {
        return Stream.concat(core.stream().map(FromCore::new), discord.stream()).distinct().toList();
    }
}
