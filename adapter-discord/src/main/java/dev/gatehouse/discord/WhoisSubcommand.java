package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.mention;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.LinkedTo;
import dev.gatehouse.core.port.in.AdministerGuild.NotLinked;
import java.util.List;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse whois member:}: who a member is verified as, since when and how, and until when it holds. */
final class WhoisSubcommand implements GatehouseSubcommand {
    static final String NAME = "whois";
    static final String MEMBER = "member";

    private final BotContext context;

    WhoisSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("whois.description"),
                List.of(SlashCommandOption.createUserOption(MEMBER, text("gatehouse.option.member"), true)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> {
            DiscordUserId member = request.snowflake(MEMBER).map(DiscordUserId::new).orElseThrow();
            return reply(context.ports().administration().whois(request.guild(), member), member);
        });
    }

    static String reply(AdministerGuild.WhoisResult result, DiscordUserId member) {
        if (result instanceof LinkedTo linked) {
            String reply = text("whois.linked", mention(member), CommonReplies.person(linked.link(), linked.user()),
                    Markdown.timestamp(linked.link().linkedAt()), CommonReplies.origin(linked.link()));
            return linked.holdsUntil().map(until -> reply + " " + text("whois.holdsUntil", Markdown.timestamp(until))).orElse(reply);
        }
        if (result instanceof NotLinked) {
            return text("whois.notLinked", mention(member));
        }
        return CommonReplies.common(result);
    }
}
