package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.untrusted;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.ReviewWrongAnswers.WrongAnswerReport;
import java.util.List;
import java.util.stream.Collectors;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse answers [limit:]}: the most common wrong answers to the question, grouped. */
final class AnswersSubcommand implements GatehouseSubcommand {
    static final String NAME = "answers";
    static final String LIMIT = "limit";
    static final int DEFAULT_SHOWN = 10;
    private static final int PREVIEW_LENGTH = 60;

    private final BotContext context;

    AnswersSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("answers.description"),
                List.of(SlashCommandOption.createLongOption(LIMIT, text("answers.option.limit", DEFAULT_SHOWN), false, 1,
                        ReviewWrongAnswers.MAX_LIMIT)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> {
            long limit = request.number(LIMIT).orElse((long) DEFAULT_SHOWN);
            int bounded = (int) Math.max(1, Math.min(limit, ReviewWrongAnswers.MAX_LIMIT));
            return reply(context.ports().wrongAnswers().top(request.guild(), bounded));
        });
    }

    /** The most common wrong answers, grouped; every answer is member-typed text, so escaped and unable to mention. */
    static String reply(ReviewWrongAnswers.TopResult result) {
        if (result instanceof WrongAnswerReport report) {
            String tenant = code(report.tenant().value());
            if (report.groups().isEmpty()) {
                return text("answers.none", tenant);
            }
            StringBuilder text = new StringBuilder(text("answers.header", tenant));
            int shown = 0;
            for (WrongAnswerGroup group : report.groups()) {
                String entry = "\n" + text("answers.group", shown + 1, Messages.count("answers.attempts", group.attempts()),
                        Messages.count("answers.members", group.distinctMembers()), Markdown.relative(group.firstSeen()),
                        Markdown.relative(group.lastSeen()))
                        + "\n" + text("answers.typedAs", group.spellings().stream()
                                .map(s -> text("answers.spelling", untrusted(preview(s)))).collect(Collectors.joining(", ")));
                String more = "\n" + text("answers.more", report.groups().size() - shown, LIMIT);
                if (text.length() + entry.length() + more.length() > CommonReplies.MAX_LENGTH) {
                    return text.append(more).toString();
                }
                text.append(entry);
                shown++;
            }
            return text.toString();
        }
        return CommonReplies.common(result);
    }

    private static String preview(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return text("answers.blank");
        }
        return stripped.codePointCount(0, stripped.length()) <= PREVIEW_LENGTH ? stripped
                : stripped.substring(0, stripped.offsetByCodePoints(0, PREVIEW_LENGTH - 1)) + "…";
    }
}
