package dev.gatehouse.discord;

import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;

/** Gathers from Javacord what {@link SetupCheck} judges: the bot's permissions and roles in a server. */
final class ServerFacts {
    private ServerFacts() {
    }

    static SetupCheck.Facts of(Server server, GuildSettings settings) {
        User bot = server.getApi().getYourself();
        Optional<SetupCheck.RoleFacts> verified = settings.verifiedRole()
                .flatMap(r -> server.getRoleById(r.value()))
                .map(ServerFacts::role);
        Map<RoleId, Optional<SetupCheck.RoleFacts>> groupRoles = new HashMap<>();
        settings.groupRoles().values().forEach(r -> groupRoles.put(r, server.getRoleById(r.value()).map(ServerFacts::role)));
        return new SetupCheck.Facts(
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_ROLES),
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_NICKNAMES),
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_MESSAGES),
                server.hasAnyPermission(bot, PermissionType.ADMINISTRATOR, PermissionType.KICK_MEMBERS),
                botTopPosition(server), verified, groupRoles);
    }

    static SetupCheck.RoleFacts role(Role role) {
        return new SetupCheck.RoleFacts(role.getName(), role.getPosition(), role.isEveryoneRole(), role.isManaged());
    }

    static int botTopPosition(Server server) {
        return server.getHighestRole(server.getApi().getYourself()).map(Role::getPosition).orElse(0);
    }
}
