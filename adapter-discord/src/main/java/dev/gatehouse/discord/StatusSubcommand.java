package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.escape;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import java.util.List;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse status}: the server's settings, tenant, method and question, and every setup problem once. */
final class StatusSubcommand implements GatehouseSubcommand {
    static final String NAME = "status";

    private final BotContext context;

    StatusSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.create(SlashCommandOptionType.SUB_COMMAND, NAME, text("status.description"));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> {
            AdministerGuild.StatusResult status = context.ports().administration().status(request.guild());
            List<SetupCheck.Warning> discordWarnings = status instanceof GuildStatus found
                    ? SetupCheck.warnings(found.settings(), ServerFacts.of(request.server(), found.settings())) : List.of();
            return reply(status, discordWarnings);
        });
    }

    /** The status, with the core's warnings and then the bot's own checks of the server, each once. */
    static String reply(AdministerGuild.StatusResult result, List<SetupCheck.Warning> discordWarnings) {
        if (result instanceof GuildStatus status) {
            List<SetupCheck.Warning> warnings = SetupCheck.merged(status.warnings(), discordWarnings);
            return CommonReplies.limit(String.join("\n",
                    text("status.tenant", escape(status.tenant().displayName()), code(status.tenant().id().value())),
                    CommonReplies.settings(status.settings()),
                    text("status.method", CommonReplies.method(status.tenant())),
                    text("status.question", CommonReplies.questionInForce(status.settings(), status.tenant())),
                    text("status.linkedMembers", status.linkedMembers()),
                    text("status.directoryUsers", status.directoryUsers()))
                    + (warnings.isEmpty() ? "\n\n" + text("status.noProblems") : CommonReplies.warningLines(warnings)));
        }
        return CommonReplies.common(result);
    }
}
