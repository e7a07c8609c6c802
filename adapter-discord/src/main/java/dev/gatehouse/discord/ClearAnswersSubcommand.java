package dev.gatehouse.discord;

import static dev.gatehouse.discord.InteractionRouter.snowflake;
import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.ReviewWrongAnswers.WrongAnswersCleared;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/**
 * {@code /gatehouse clear_answers}: asks to confirm, with Delete and Cancel buttons that only the asking admin may
 * press, then deletes the tenant's log of wrong answers.
 */
final class ClearAnswersSubcommand implements GatehouseSubcommand {
    static final String NAME = "clear_answers";
    /** + admin's user id: confirms clearing the wrong-answer log. */
    static final String CLEAR_BUTTON = InteractionRouter.ID_PREFIX + "answers-clear:";
    /** + admin's user id: keeps the wrong-answer log. */
    static final String KEEP_BUTTON = InteractionRouter.ID_PREFIX + "answers-keep:";

    private final BotContext context;

    ClearAnswersSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.create(SlashCommandOptionType.SUB_COMMAND, NAME, text("clearAnswers.description"));
    }

    @Override
    public void run(AdminRequest request) {
        String admin = request.admin().getIdAsString();
        request.interaction().createImmediateResponder().setContent(text("clearAnswers.prompt"))
                .addComponents(ActionRow.of(
                        Button.danger(CLEAR_BUTTON + admin, text("clearAnswers.button")),
                        Button.secondary(KEEP_BUTTON + admin, text("clearAnswers.keepButton"))))
                .setFlags(MessageFlag.EPHEMERAL).setAllowedMentions(Responses.NO_MENTIONS)
                .respond().exceptionally(e -> Responses.failed("/gatehouse clear_answers prompt", e));
    }

    @Override
    public List<SlashCommandHandler.Route<ButtonInteraction>> buttons() {
        return List.of(
                new SlashCommandHandler.Route<>(CLEAR_BUTTON, (interaction, admin) -> decided(interaction, snowflake(admin), true)),
                new SlashCommandHandler.Route<>(KEEP_BUTTON, (interaction, admin) -> decided(interaction, snowflake(admin), false)));
    }

    /** The admin who asked to clear the wrong-answer log pressed Delete or Cancel. */
    private void decided(ButtonInteraction interaction, OptionalLong askingAdmin, boolean clear) {
        Optional<Server> server = interaction.getServer();
        User user = interaction.getUser();
        if (askingAdmin.isEmpty() || server.isEmpty()) {
            return;
        }
        if (user.getId() != askingAdmin.getAsLong() || !GatehouseCommand.isAdmin(server.get(), user)) {
            Responses.replyNow(interaction, text("clearAnswers.onlyTheAskingAdmin"));
            return;
        }
        if (!clear) {
            interaction.createOriginalMessageUpdater().setContent(text("clearAnswers.kept")).removeAllComponents()
                    .setAllowedMentions(Responses.NO_MENTIONS).update()
                    .exceptionally(e -> Responses.failed("keeping the wrong-answer log", e));
            return;
        }
        GuildId guild = new GuildId(server.get().getId());
        Acknowledgement.race(interaction, context.work(), context.decisionBudget(),
                () -> Responses.guarded(() -> context.ports().wrongAnswers().clear(guild), new ServiceUnavailable()),
                new ServiceUnavailable(),
                result -> interaction.createOriginalMessageUpdater().setContent(reply(result)).removeAllComponents()
                        .setAllowedMentions(Responses.NO_MENTIONS).update()
                        .exceptionally(e -> Responses.failed("clearing the wrong-answer log", e)),
                (updater, result) -> Responses.edit(updater, reply(result)));
    }

    static String reply(ReviewWrongAnswers.ClearResult result) {
        if (result instanceof WrongAnswersCleared cleared) {
            return text("clearAnswers.done", Messages.count("clearAnswers.count", cleared.deleted()), code(cleared.tenant().value()));
        }
        return CommonReplies.common(result);
    }
}
