package dev.gatehouse.discord;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/**
 * The slash commands, as registered with one bulk overwrite at start (guild-only, {@code /gatehouse} for admins),
 * and the custom ids of the bot's buttons, modal and text inputs. Ids that belong to a server or an admin carry
 * its snowflake after the prefix.
 */
final class Commands {
    static final String VERIFY = "verify";
    static final String UNVERIFY = "unverify";
    static final String GATEHOUSE = "gatehouse";
    static final String UNVERIFY_BUTTON = "gatehouse:unverify";
    /** + guild id: starts verifying in that server (on the join DM, and after a wrong answer). */
    static final String VERIFY_BUTTON = "gatehouse:verify:";
    /** + guild id: the form asking for the answer and/or the user id. */
    static final String VERIFY_FORM = "gatehouse:verify-form:";
    static final String ANSWER_INPUT = "answer";
    static final String USER_ID_INPUT = "user_id";
    /** + admin's user id: confirms clearing the wrong-answer log. */
    static final String CLEAR_ANSWERS_BUTTON = "gatehouse:answers-clear:";
    /** + admin's user id: keeps the wrong-answer log. */
    static final String KEEP_ANSWERS_BUTTON = "gatehouse:answers-keep:";

    static final int DEFAULT_ANSWERS_SHOWN = 10;

    private Commands() {
    }

    static Set<SlashCommandBuilder> all() {
        SlashCommandBuilder verify = SlashCommand.with(VERIFY, "Verify yourself as a member of the organisation",
                        List.of(SlashCommandOption.createStringOption("user_id",
                                "Your user id in the directory, e.g. your student or staff id (asked for if needed)", false,
                                1, DirectoryUserId.MAX_LENGTH)))
                .setEnabledInDms(false);
        SlashCommandBuilder unverify = SlashCommand.with(UNVERIFY, "Remove your verification")
                .setEnabledInDms(false);
        SlashCommandBuilder gatehouse = SlashCommand.with(GATEHOUSE, "Set up and run member verification in this server", List.of(
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "setup",
                                "Bind this server to a tenant and choose its options", List.of(
                                        SlashCommandOption.createStringOption("tenant", "Tenant id from your Gatehouse operator (needed the first time)", false),
                                        SlashCommandOption.createRoleOption("role", "Role granted to verified members", false),
                                        SlashCommandOption.createBooleanOption("enabled", "Let members verify here (False refuses /verify)", false),
                                        SlashCommandOption.createBooleanOption("verify_on_join", "DM joining members a Verify button", false),
                                        SlashCommandOption.createBooleanOption("kick_on_failure",
                                                "Kick members who answer the question wrong too often", false),
                                        SlashCommandOption.createLongOption("kick_after",
                                                "Wrong answers (within " + KickPolicy.WINDOW_HOURS + " h) before a kick; turns kicking on",
                                                false, 1, KickPolicy.MAX_KICK_AFTER),
                                        SlashCommandOption.createBooleanOption("gate", "Delete messages of members who aren't verified", false),
                                        SlashCommandOption.createBooleanOption("nickname", "Set nicknames to the directory name", false),
                                        SlashCommandOption.createBooleanOption("dm_on_join", "Tell joining members by DM how to verify", false),
                                        SlashCommandOption.createChannelOption("log_channel", "Channel for Gatehouse notices", false,
                                                List.of(ChannelType.SERVER_TEXT_CHANNEL)),
                                        SlashCommandOption.createBooleanOption("clear_log_channel",
                                                "Stop posting Gatehouse notices (removes the log channel)", false))),
                        SlashCommandOption.create(SlashCommandOptionType.SUB_COMMAND, "status", "Show this server's settings and setup problems"),
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "question",
                                "Show, set or clear this server's own verification question", List.of(
                                        SlashCommandOption.createStringOption("text", "The question members answer first", false,
                                                1, VerificationQuestion.MAX_PROMPT_LENGTH),
                                        SlashCommandOption.createStringOption("answers", "Accepted answers, separated by | (e.g. 42 | forty-two)",
                                                false),
                                        SlashCommandOption.createBooleanOption("clear", "Remove this server's question (the tenant's applies)",
                                                false))),
                        SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, "answers",
                                "List the most common wrong answers to the question", List.of(
                                        SlashCommandOption.createLongOption("limit", "How many groups (default " + DEFAULT_ANSWERS_SHOWN + ")",
                                                false, 1, ReviewWrongAnswers.MAX_LIMIT))),
                        SlashCommandOption.create(SlashCommandOptionType.SUB_COMMAND, "clear_answers",
                                "Delete the log of wrong answers (asks to confirm)"),
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

    /** The snowflake after {@code prefix} in a custom id, if the id has that prefix and a valid snowflake. */
    static OptionalLong idAfter(String customId, String prefix) {
        if (customId == null || !customId.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(customId.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
