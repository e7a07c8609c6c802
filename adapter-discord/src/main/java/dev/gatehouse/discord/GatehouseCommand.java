package dev.gatehouse.discord;

import static dev.gatehouse.discord.Messages.text;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandInteractionOption;

/**
 * {@code /gatehouse}, for server admins (owner, Administrator or Manage Server): its schema is its subcommands', and
 * each run goes to the subcommand by name. A new subcommand is a {@link GatehouseSubcommand} class, its texts in the
 * bundle, and one line in {@link #subcommands}.
 */
final class GatehouseCommand implements SlashCommandHandler {
    static final String NAME = "gatehouse";
    private static final System.Logger LOG = System.getLogger(GatehouseCommand.class.getName());

    private final List<GatehouseSubcommand> subcommands;
    private final Map<String, GatehouseSubcommand> byName;
    private final BotContext context;

    GatehouseCommand(BotContext context) {
        this(context, subcommands(context));
    }

    GatehouseCommand(BotContext context, List<GatehouseSubcommand> subcommands) {
        this.context = context;
        this.subcommands = List.copyOf(subcommands);
        this.byName = subcommands.stream().collect(Collectors.toUnmodifiableMap(GatehouseSubcommand::name, Function.identity()));
    }

    /** Every subcommand, in the order Discord lists them. */
    private static List<GatehouseSubcommand> subcommands(BotContext context) {
        return List.of(
                new SetupSubcommand(context),
                new StatusSubcommand(context),
                new QuestionSubcommand(context),
                new AnswersSubcommand(context),
                new ClearAnswersSubcommand(context),
                new WhoisSubcommand(context),
                new LinkSubcommand(context),
                new UnlinkSubcommand(context),
                new RemoveSubcommand(context),
                new RolesSubcommand(context),
                new DataSubcommand(context),
                new MembersSubcommand(context));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlashCommandBuilder schema() {
        return SlashCommand.with(NAME, text("gatehouse.description"), subcommands.stream().map(GatehouseSubcommand::schema).toList())
                .setDefaultEnabledForPermissions(PermissionType.MANAGE_SERVER)
                .setEnabledInDms(false);
    }

    @Override
    public void run(SlashCommandInteraction interaction, Server server) {
        User user = interaction.getUser();
        if (!isAdmin(server, user)) {
            Responses.replyNow(interaction, text("gatehouse.notAllowed"));
            return;
        }
        Optional<SlashCommandInteractionOption> option = interaction.getOptions().stream().findFirst();
        if (option.isEmpty()) {
            return;
        }
        GatehouseSubcommand subcommand = byName.get(option.get().getName());
        if (subcommand == null) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring unknown subcommand /gatehouse " + option.get().getName());
            return;
        }
        subcommand.run(new AdminRequest(interaction, server, user, option.get(), context));
    }

    @Override
    public List<Route<ButtonInteraction>> buttons() {
        return subcommands.stream().flatMap(s -> s.buttons().stream()).toList();
    }

    static boolean isAdmin(Server server, User user) {
        return server.isOwner(user) || server.hasAnyPermission(user, PermissionType.ADMINISTRATOR, PermissionType.MANAGE_SERVER);
    }

    /** Shown when a subcommand needs the server bound first. */
    static String needsTenant() {
        return text("gatehouse.needsTenant", SetupSubcommand.TENANT);
    }
}
