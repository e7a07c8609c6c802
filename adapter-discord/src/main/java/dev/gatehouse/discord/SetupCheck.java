package dev.gatehouse.discord;

import dev.gatehouse.core.model.GuildSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                 Optional<RoleFacts> verifiedRole) {
    }

    private SetupCheck() {
    }

    /** Why a role can't be the verified role, or empty if it can. */
    static Optional<String> unusableRole(RoleFacts role, int botTopPosition) {
        if (role.everyone()) {
            return Optional.of("everyone has @everyone already");
        }
        if (role.managed()) {
            return Optional.of("it's managed by an integration or a bot");
        }
        if (role.position() >= botTopPosition) {
            return Optional.of("it's not below my highest role. Move my role above it in Server Settings → Roles, "
                    + "then run setup again");
        }
        return Optional.empty();
    }

    static List<String> warnings(GuildSettings settings, Facts facts) {
        List<String> warnings = new ArrayList<>();
        if (settings.verifiedRole().isEmpty()) {
            warnings.add("No verified role is set: verified members get no role.");
        } else if (facts.verifiedRole().isEmpty()) {
            warnings.add("The verified role no longer exists: choose another with `/gatehouse setup role:`.");
        } else if (facts.verifiedRole().get().position() >= facts.botTopPosition()) {
            warnings.add("My highest role is not above the verified role, so I can't grant it: move my role above it.");
        }
        if (!facts.manageRoles()) {
            warnings.add("I don't have the **Manage Roles** permission, so I can't grant the verified role.");
        }
        if (settings.setNickname() && !facts.manageNicknames()) {
            warnings.add("I don't have the **Manage Nicknames** permission, so I can't set nicknames.");
        }
        if (settings.gateMessages() && !facts.manageMessages()) {
            warnings.add("I don't have the **Manage Messages** permission, so I can't delete unverified members' messages.");
        }
        if (settings.kickPolicy().kicks() && !facts.kickMembers()) {
            warnings.add("I don't have the **Kick Members** permission, so I can't kick members who answer the question "
                    + "wrong too often.");
        }
        return warnings;
    }
}
