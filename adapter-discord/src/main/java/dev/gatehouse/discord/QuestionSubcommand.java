package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.escape;
import static dev.gatehouse.discord.Markdown.untrusted;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse question [text: answers:] [clear:]}: shows, sets or clears the server's own question. */
final class QuestionSubcommand implements GatehouseSubcommand {
    static final String NAME = "question";
    static final String TEXT = "text";
    static final String ANSWERS = "answers";
    static final String CLEAR = "clear";

    private final BotContext context;

    QuestionSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("question.description"), List.of(
                SlashCommandOption.createStringOption(TEXT, text("question.option.text"), false, 1, VerificationQuestion.MAX_PROMPT_LENGTH),
                SlashCommandOption.createStringOption(ANSWERS, text("question.option.answers"), false),
                SlashCommandOption.createBooleanOption(CLEAR, text("question.option.clear"), false)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> question(request));
    }

    private String question(AdminRequest request) {
        GuildId guild = request.guild();
        Optional<String> prompt = request.string(TEXT);
        Optional<String> answers = request.string(ANSWERS);
        boolean clear = request.flag(CLEAR).orElse(false);
        AdministerGuild admin = context.ports().administration();
        if (clear && (prompt.isPresent() || answers.isPresent())) {
            return text("question.conflict", CLEAR, TEXT, ANSWERS);
        }
        if (!clear && prompt.isEmpty() && answers.isEmpty()) {
            return reply(admin.status(guild));
        }
        Optional<VerificationQuestion> question = Optional.empty();
        if (!clear) {
            if (prompt.isEmpty() || answers.isEmpty()) {
                return needsBoth();
            }
            List<String> accepted = VerificationQuestion.splitAnswers(answers.get());
            if (accepted.isEmpty()) {
                return needsBoth();
            }
            try {
                question = Optional.of(new VerificationQuestion(prompt.get(), accepted));
            } catch (IllegalArgumentException e) {
                return text("question.refused", escape(e.getMessage()));
            }
        }
        AdministerGuild.ConfigureResult configured = admin.configure(
                ConfigureCommand.of(guild, new GuildSettingChange.OwnQuestion(question)));
        if (configured instanceof AdministerGuild.Configured) {
            return text(clear ? "question.removed" : "question.saved") + "\n" + reply(admin.status(guild));
        }
        if (configured instanceof GuildNotSetUp) {
            return GatehouseCommand.needsTenant();
        }
        return CommonReplies.serviceUnavailable();
    }

    private static String needsBoth() {
        return text("question.needsBoth", TEXT, ANSWERS);
    }

    /** The question in force with its accepted answers, for admins. */
    static String reply(AdministerGuild.StatusResult result) {
        if (result instanceof GuildStatus status) {
            Optional<VerificationQuestion> question = status.settings().questionUnder(status.tenant());
            StringBuilder text = new StringBuilder(
                    text("question.shown", CommonReplies.questionInForce(status.settings(), status.tenant())));
            question.ifPresent(q -> text.append('\n').append(text("question.acceptedAnswers", q.acceptedAnswers().isEmpty()
                    ? text("common.none") : q.acceptedAnswers().stream().map(Markdown::untrusted).collect(Collectors.joining(" · ")))));
            text.append('\n');
            if (status.settings().question().isPresent()) {
                text.append(status.tenant().question()
                        .map(t -> text("question.withoutIt.tenant", untrusted(t.prompt())))
                        .orElse(text("question.withoutIt.none")));
            } else {
                text.append(text("question.howToSet", TEXT, ANSWERS));
            }
            text.append('\n').append(text("question.matching"));
            return CommonReplies.limit(text.toString());
        }
        return CommonReplies.common(result);
    }
}
