package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.mention;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.NotLinked;
import dev.gatehouse.core.port.in.AdministerGuild.UnlinkCommand;
import dev.gatehouse.core.port.in.AdministerGuild.Unlinked;
import java.util.List;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse unlink member:}: removes a member's verification in every server of the tenant. */
final class UnlinkSubcommand implements GatehouseSubcommand {
    static final String NAME = "unlink";
    static final String MEMBER = "member";

    private final BotContext context;

    UnlinkSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("unlink.description"),
                List.of(SlashCommandOption.createUserOption(MEMBER, text("gatehouse.option.member"), true)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> {
            DiscordUserId member = request.snowflake(MEMBER).map(DiscordUserId::new).orElseThrow();
            AdministerGuild.UnlinkResult result = context.ports().administration()
                    .unlink(new UnlinkCommand(request.guild(), member, request.actor()));
            if (result instanceof Unlinked) {
                context.deliverSoon().run();
            }
            return reply(result, member);
        });
    }

    static String reply(AdministerGuild.UnlinkResult result, DiscordUserId member) {
        if (result instanceof Unlinked unlinked) {
            return text("unlink.unlinked", mention(member), code(unlinked.link().directoryUser().value()));
        }
        if (result instanceof NotLinked) {
            return text("unlink.notLinked", mention(member));
        }
        return CommonReplies.common(result);
    }
}
