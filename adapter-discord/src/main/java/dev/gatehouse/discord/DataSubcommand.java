package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.mention;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.ManagePersonalData.ByAdmin;
import dev.gatehouse.core.port.in.ManagePersonalData.DirectoryUserSubject;
import dev.gatehouse.core.port.in.ManagePersonalData.DiscordAccountSubject;
import dev.gatehouse.core.port.in.ManagePersonalData.EraseResult;
import dev.gatehouse.core.port.in.ManagePersonalData.ExportResult;
import dev.gatehouse.core.port.in.ManagePersonalData.NothingHeld;
import dev.gatehouse.core.port.in.ManagePersonalData.PersonErased;
import dev.gatehouse.core.port.in.ManagePersonalData.PersonExport;
import dev.gatehouse.core.port.in.ManagePersonalData.Subject;
import dev.gatehouse.core.port.in.ManagePersonalData.UnknownTenant;
import java.util.List;
import java.util.Optional;
import org.javacord.api.interaction.SlashCommandInteractionOption;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/**
 * {@code /gatehouse data export|erase member: | user_id:}: what Gatehouse holds about one person, in short (the
 * operator's {@code user export} gives the whole JSON), and its erasure with the audit kept under a pseudonym.
 */
final class DataSubcommand implements GatehouseSubcommand {
    static final String NAME = "data";
    static final String EXPORT = "export";
    static final String ERASE = "erase";
    static final String MEMBER = "member";
    static final String USER_ID = "user_id";

    private final BotContext context;

    DataSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND_GROUP, NAME, text("data.description"), List.of(
                SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, EXPORT, text("data.export.description"),
                        whom()),
                SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, ERASE, text("data.erase.description"),
                        whom())));
    }

    private static List<SlashCommandOption> whom() {
        return List.of(SlashCommandOption.createUserOption(MEMBER, text("data.option.member"), false),
                SlashCommandOption.create(SlashCommandOptionType.STRING, USER_ID, text("data.option.userId"), false));
    }

    @Override
    public void run(AdminRequest request) {
        Optional<SlashCommandInteractionOption> chosen = request.options().getOptions().stream().findFirst();
        if (chosen.isEmpty()) {
            return;
        }
        AdminRequest inner = new AdminRequest(request.interaction(), request.server(), request.admin(), chosen.get(), request.context());
        boolean erase = chosen.get().getName().equals(ERASE);
        inner.answerLater(() -> {
            Optional<Long> member = inner.snowflake(MEMBER);
            Optional<String> userId = inner.string(USER_ID);
            if (member.isPresent() == userId.isPresent()) {
                return text("data.chooseOne");
            }
            Subject subject = member.<Subject>map(m -> new DiscordAccountSubject(new DiscordUserId(m)))
                    .orElseGet(() -> new DirectoryUserSubject(userId.get()));
            ByAdmin command = new ByAdmin(inner.guild(), subject, inner.actor());
            if (erase) {
                EraseResult result = context.ports().personalData().erase(command);
                if (result instanceof PersonErased) {
                    context.deliverSoon().run();
                }
                return eraseReply(result);
            }
            return exportReply(context.ports().personalData().export(command));
        });
    }

    static String exportReply(ExportResult result) {
        if (result instanceof PersonExport export) {
            String who = export.user().map(u -> text("data.export.user", code(u.id().value()), Markdown.untrusted(u.name().value()),
                    Markdown.untrusted(u.email().value())))
                    .orElseGet(() -> text("data.export.noUser"));
            String link = export.link().map(l -> l.language()
                            .map(language -> text("data.export.linkInLanguage", mention(l.discordUser()), code(l.directoryUser().value()),
                                    code(language.toLanguageTag())))
                            .orElseGet(() -> text("data.export.link", mention(l.discordUser()), code(l.directoryUser().value()))))
                    .orElseGet(() -> text("data.export.noLink"));
            return text("data.export.summary", who, link, export.held().sessions().size(), export.held().handoffs().size(),
                    export.held().wrongAnswers().size(), export.held().auditEntries().size());
        }
        return common(result);
    }

    static String eraseReply(EraseResult result) {
        if (result instanceof PersonErased erased) {
            return text("data.erased", code(erased.pseudonym()), erased.directoryUserRemoved() ? 1 : 0,
                    erased.endedLink().isPresent() ? 1 : 0, erased.erased().auditEntries());
        }
        return common(result);
    }

    private static String common(Object result) {
        if (result instanceof NothingHeld) {
            return text("data.nothingHeld");
        }
        if (result instanceof InvalidUserId invalid) {
            return text("common.invalidUserId", invalid.reason());
        }
        if (result instanceof GuildNotSetUp || result instanceof UnknownTenant) {
            return CommonReplies.notSetUp();
        }
        return CommonReplies.common(result);
    }
}
