package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.escape;
import static dev.gatehouse.discord.Markdown.mention;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.LinkMemberCommand;
import dev.gatehouse.core.port.in.AdministerGuild.MemberAlreadyLinked;
import dev.gatehouse.core.port.in.AdministerGuild.NoSuchUser;
import dev.gatehouse.core.port.in.AdministerGuild.UserAlreadyLinked;
import dev.gatehouse.core.port.in.InvalidUserId;
import java.util.List;
import java.util.Optional;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse link member: user_id:}: verifies a member by hand, as the directory user given. */
final class LinkSubcommand implements GatehouseSubcommand {
    static final String NAME = "link";
    static final String MEMBER = "member";
    static final String USER_ID = "user_id";

    private final BotContext context;

    LinkSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("link.description"),
                List.of(SlashCommandOption.createUserOption(MEMBER, text("gatehouse.option.member"), true),
                        SlashCommandOption.createStringOption(USER_ID, text("link.option.userId"), true)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> {
            DiscordUserId member = request.snowflake(MEMBER).map(DiscordUserId::new).orElseThrow();
            String userId = request.string(USER_ID).orElse("");
            AdministerGuild.LinkResult result = context.ports().administration()
                    .link(new LinkMemberCommand(request.guild(), member, userId, request.actor()));
            if (result instanceof AdministerGuild.Linked) {
                context.deliverSoon().run();
            }
            return reply(result, member);
        });
    }

    static String reply(AdministerGuild.LinkResult result, DiscordUserId member) {
        if (result instanceof AdministerGuild.Linked linked) {
            return text("link.linked", mention(member), CommonReplies.person(linked.link(), Optional.of(linked.user())));
        }
        if (result instanceof InvalidUserId invalid) {
            return text("common.invalidUserId", escape(invalid.reason()));
        }
        if (result instanceof NoSuchUser noSuchUser) {
            return text("link.noSuchUser", code(noSuchUser.userId()));
        }
        if (result instanceof MemberAlreadyLinked already) {
            return text("link.memberAlreadyLinked", mention(member), code(already.existing().directoryUser().value()));
        }
        if (result instanceof UserAlreadyLinked taken) {
            return text("link.userAlreadyLinked", code(taken.existing().directoryUser().value()), mention(taken.existing().discordUser()));
        }
        return CommonReplies.common(result);
    }
}
