package dev.gatehouse.discord;

import java.util.List;
import java.util.Set;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** The slash commands, as registered with one bulk overwrite at start: guild-only, {@code /gatehouse} for admins. */
final class Commands {
    static final String VERIFY = "verify";
    static final String UNVERIFY = "unverify";
    static final String GATEHOUSE = "gatehouse";
    static final String UNVERIFY_BUTTON = "gatehouse:unverify";

    private Commands() {
    }

    static Set<SlashCommandBuilder> all() {
        SlashCommandBuilder verify = SlashCommand.with(VERIFY, "Verify yourself with your user id in the organisation's directory",
                        List.of(SlashCommandOption.createStringOption("user_id", "Your user id, e.g. your student or staff id", true)))
                .setEnabledInDms(false);
        SlashCommandBuilder unverify = SlashCommand.with(UNVERIFY, "Remove your verification")
                .setEnabledInDms(false);
        SlashCommandBuilder gatehouse = SlashCommand.with(GATEHOUSE, "Set up and run member verification in this server", List.of(
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "setup",
                                "Bind this server to a tenant and choose its options", List.of(
                                        SlashCommandOption.createStringOption("tenant", "Tenant id from your Gatehouse operator (needed the first time)", false),
                                        SlashCommandOption.createRoleOption("role", "Role granted to verified members", false),
                                        SlashCommandOption.createBooleanOption("gate", "Delete messages of members who aren't verified", false),
                                        SlashCommandOption.createBooleanOption("nickname", "Set nicknames to the directory name", false),
                                        SlashCommandOption.createBooleanOption("dm_on_join", "Tell joining members by DM how to verify", false),
                                        SlashCommandOption.createChannelOption("log_channel", "Channel for Gatehouse notices", false,
                                                List.of(ChannelType.SERVER_TEXT_CHANNEL)),
                                        SlashCommandOption.createBooleanOption("clear_log_channel",
                                                "Stop posting Gatehouse notices (removes the log channel)", false))),
                        SlashCommandOption.create(SlashCommandOptionType.SUB_COMMAND, "status", "Show this server's settings and setup problems"),
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "whois", "Show who a member is verified as",
                                List.of(SlashCommandOption.createUserOption("member", "The member", true))),
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "link", "Verify a member by hand",
                                List.of(SlashCommandOption.createUserOption("member", "The member", true),
                                        SlashCommandOption.createStringOption("user_id", "Their user id in the directory", true))),
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "unlink", "Remove a member's verification",
                                List.of(SlashCommandOption.createUserOption("member", "The member", true))),
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "members", "List verified members",
                                List.of(SlashCommandOption.createLongOption("page", "Page number", false, 1, 100_000)))))
                .setDefaultEnabledForPermissions(PermissionType.MANAGE_SERVER)
                .setEnabledInDms(false);
        return Set.of(verify, unverify, gatehouse);
    }
}
