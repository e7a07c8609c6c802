package dev.gatehouse.discord;

import static dev.gatehouse.discord.Markdown.code;
import static dev.gatehouse.discord.Messages.text;

import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.Configured;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.javacord.api.interaction.SlashCommandInteractionOption;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/**
 * {@code /gatehouse roles map group: role:}, {@code unmap group:} and {@code list}: which role members of a directory
 * group get here, besides the verified role.
 */
final class RolesSubcommand implements GatehouseSubcommand {
    static final String NAME = "roles";
    static final String MAP = "map";
    static final String UNMAP = "unmap";
    static final String LIST = "list";
    static final String GROUP = "group";
    static final String ROLE = "role";

    private final BotContext context;

    RolesSubcommand(BotContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandOption schema() {
        return SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND_GROUP, NAME, text("roles.description"), List.of(
                SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, MAP, text("roles.map.description"), List.of(
                        SlashCommandOption.create(SlashCommandOptionType.STRING, GROUP, text("roles.option.group"), true),
                        SlashCommandOption.createRoleOption(ROLE, text("roles.option.role"), true))),
                SlashCommandOption.createWithOptions(SlashCommandOptionType.SUB_COMMAND, UNMAP, text("roles.unmap.description"), List.of(
                        SlashCommandOption.create(SlashCommandOptionType.STRING, GROUP, text("roles.option.group"), true))),
                SlashCommandOption.create(SlashCommandOptionType.SUB_COMMAND, LIST, text("roles.list.description"))));
    }

    @Override
    public void run(AdminRequest request) {
        Optional<SlashCommandInteractionOption> chosen = request.options().getOptions().stream().findFirst();
        if (chosen.isEmpty()) {
            return;
        }
        AdminRequest inner = new AdminRequest(request.interaction(), request.server(), request.admin(), chosen.get(), request.context());
        String action = chosen.get().getName();
        inner.answerLater(() -> switch (action) {
            case MAP, UNMAP -> change(inner, action.equals(MAP));
            default -> list(inner);
        });
    }

    private String change(AdminRequest request, boolean map) {
        GroupName group;
        try {
            group = new GroupName(request.string(GROUP).orElse(""));
        } catch (IllegalArgumentException e) {
            return text("roles.invalidGroup", e.getMessage());
        }
        Optional<RoleId> role = map ? request.snowflake(ROLE).map(RoleId::new) : Optional.empty();
        if (role.isPresent() && role.get().value() == request.server().getId()) {
            return text("roles.everyone");
        }
        if (role.isPresent() && context.ports().administration().status(request.guild()) instanceof GuildStatus status
                && status.settings().verifiedRole().equals(role)) {
            return text("roles.isVerifiedRole");
        }
        AdministerGuild.ConfigureResult result = context.ports().administration()
                .configure(ConfigureCommand.of(request.guild(), new GuildSettingChange.GroupRole(group, role)));
        if (result instanceof Configured) {
            return role.map(r -> text("roles.mapped", code(group.value()), Markdown.roleMention(r)))
                    .orElseGet(() -> text("roles.unmapped", code(group.value())));
        }
        return CommonReplies.common(result);
    }

    private String list(AdminRequest request) {
        AdministerGuild.StatusResult result = context.ports().administration().status(request.guild());
        if (result instanceof GuildStatus status) {
            return mappings(status.settings());
        }
        return CommonReplies.common(result);
    }

    static String mappings(GuildSettings settings) {
        if (settings.groupRoles().isEmpty()) {
            return text("roles.none");
        }
        return text("roles.list", settings.groupRoles().entrySet().stream()
                .map(e -> "• `" + code(e.getKey().value()) + "` → " + Markdown.roleMention(e.getValue()))
                .collect(Collectors.joining("\n")));
    }
}
