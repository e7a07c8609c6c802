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

    static List<String> warnings(GuildSettings settings, Facts facts) {
        List<String> warnings = new ArrayList<>();
        if (settings.verifiedRole().isEmpty()) {
            warnings.add(Messages.text("warning.noVerifiedRole"));
        } else if (facts.verifiedRole().isEmpty()) {
            warnings.add(Messages.text("warning.verifiedRoleGone", SetupSubcommand.ROLE));
        } else if (facts.verifiedRole().get().position() >= facts.botTopPosition()) {
            warnings.add(Messages.text("warning.verifiedRoleAboveBot"));
        }
        if (!facts.manageRoles()) {
            warnings.add(Messages.text("warning.manageRoles"));
        }
        if (settings.setNickname() && !facts.manageNicknames()) {
            warnings.add(Messages.text("warning.manageNicknames"));
        }
        if (settings.gateMessages() && !facts.manageMessages()) {
            warnings.add(Messages.text("warning.manageMessages"));
        }
        if (settings.kickPolicy().kicks() && !facts.kickMembers()) {
            warnings.add(Messages.text("warning.kickMembers"));
        }
        return warnings;
    }
}
