package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.mention;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.MemberPage;
import dev.gatehouse.core.port.in.AdministerGuild.MembersQuery;
import java.util.List;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/** {@code /gatehouse members [page:]}: the tenant's verified members, a page at a time. */
final class MembersSubcommand implements GatehouseSubcommand {
    static final String NAME = "members";
    static final String PAGE = "page";
    private static final int MAX_PAGE = 100_000;

    private final BotContext context;

    MembersSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, NAME, text("members.description"),
                List.of(SlashCommandOption.createLongOption(PAGE, text("members.option.page"), false, 1, MAX_PAGE)));
    }

    @Override
    public void run(AdminRequest request) {
        request.answerLater(() -> {
            long page = request.number(PAGE).orElse(1L);
            int index = (int) Math.max(0, Math.min(page - 1, MAX_PAGE));
            return reply(context.ports().administration()
                    .members(new MembersQuery(request.guild(), index, context.settings().membersPageSize())));
        });
    }

    static String reply(AdministerGuild.MembersResult result) {
        if (result instanceof MemberPage page) {
            if (page.total() == 0) {
                return text("members.none");
            }
            StringBuilder text = new StringBuilder(text("members.header", page.total(), page.page() + 1, page.pageCount())).append('\n');
            for (AdministerGuild.Member member : page.members()) {
                text.append(text("members.line", mention(member.link().discordUser()), CommonReplies.person(member.link(), member.user())))
                        .append('\n');
            }
            if (page.page() + 1 < page.pageCount()) {
                text.append(text("members.next", PAGE, page.page() + 2));
            }
            return CommonReplies.limit(text.toString().strip());
        }
        return CommonReplies.common(result);
    }
}
