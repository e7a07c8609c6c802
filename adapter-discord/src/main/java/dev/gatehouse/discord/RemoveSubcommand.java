package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Markdown.mention;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.port.in.ImportDirectory.NoSuchDirectoryUser;
import dev.gatehouse.core.port.in.ImportDirectory.RemoveByAdmin;
import dev.gatehouse.core.port.in.ImportDirectory.RemoveUserResult;
import dev.gatehouse.core.port.in.ImportDirectory.TenantNotFound;
import dev.gatehouse.core.port.in.ImportDirectory.UserRemoved;
import dev.gatehouse.core.port.in.InvalidUserId;
import java.util.List;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse remove user_id:}: a person out of the tenant's directory; their link and roles go everywhere. */
final class RemoveSubcommand implements GatehouseSubcommand {
    static final String NAME = "remove";
    static final String USER_ID = "user_id";

    private final BotContext context;

    RemoveSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("remove.description"),
                List.of(SlashCommandOption.create(SlashCommandOptionType.STRING, USER_ID, text("remove.option.userId"), true)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> {
            String userId = request.string(USER_ID).orElse("");
            RemoveUserResult result = context.ports().directory().removeUser(new RemoveByAdmin(request.guild(), userId, request.actor()));
            if (result instanceof UserRemoved) {
                context.deliverSoon().run();
            }
            return reply(result, userId);
        });
    }

    static String reply(RemoveUserResult result, String userId) {
        if (result instanceof UserRemoved removed) {
            return removed.link().map(l -> text("remove.removedWithLink", code(removed.user().id().value()), mention(l.discordUser())))
                    .orElseGet(() -> text("remove.removed", code(removed.user().id().value())));
        }
        if (result instanceof NoSuchDirectoryUser) {
            return text("remove.noSuchUser", code(userId));
        }
        if (result instanceof InvalidUserId invalid) {
            return text("common.invalidUserId", invalid.reason());
        }
        if (result instanceof TenantNotFound) {
            return CommonReplies.notSetUp();
        }
        return CommonReplies.common(result);
    }
}
