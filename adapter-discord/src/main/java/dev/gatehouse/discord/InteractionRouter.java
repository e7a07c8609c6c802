package dev.gatehouse.discord;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.javacord.api.entity.server.Server;
import org.javacord.api.event.interaction.ButtonClickEvent;
import org.javacord.api.event.interaction.ModalSubmitEvent;
import org.javacord.api.event.interaction.SlashCommandCreateEvent;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.listener.interaction.ButtonClickListener;
import org.javacord.api.listener.interaction.ModalSubmitListener;
import org.javacord.api.listener.interaction.SlashCommandCreateListener;

/**
 * Hands each slash command to its {@link SlashCommandHandler} by name, and each button click and form submission by
 * the prefix of its custom id. Commands work only in a server's text channels. Handlers answer on Javacord's listener
 * threads only long enough to acknowledge; core calls run on the bot's executor.
 */
final class InteractionRouter implements SlashCommandCreateListener, ButtonClickListener, ModalSubmitListener {
    private static final System.Logger LOG = System.getLogger(InteractionRouter.class.getName());
    /** Every custom id of the bot's buttons, forms and inputs starts with this. */
    static final String ID_PREFIX = "gatehouse:";

    private final Map<String, SlashCommandHandler> commands;
    private final List<SlashCommandHandler.Route<ButtonInteraction>> buttons;
    private final List<SlashCommandHandler.Route<ModalInteraction>> forms;

    InteractionRouter(List<SlashCommandHandler> handlers) {
        this.commands = handlers.stream().collect(Collectors.toUnmodifiableMap(SlashCommandHandler::name, Function.identity()));
        this.buttons = longestFirst(handlers.stream().flatMap(h -> h.buttons().stream()).toList());
        this.forms = longestFirst(handlers.stream().flatMap(h -> h.forms().stream()).toList());
    }

    /** The bot's standard commands: {@code /verify}, {@code /unverify} and {@code /gatehouse}. */
    static InteractionRouter standard(BotContext context) {
        return new InteractionRouter(List.of(new VerifyCommand(context), new UnverifyCommand(context), new GatehouseCommand(context)));
    }

    /**
     * Names the command set of this build (its command names and version), so a fleet registers it once per deploy.
     */
    String commandSetHash() {
        String version = Optional.ofNullable(InteractionRouter.class.getPackage().getImplementationVersion()).orElse("dev");
        String names = commands.keySet().stream().sorted().collect(Collectors.joining(","));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((version + "|" + names).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The schemas of all commands, for one bulk overwrite at start. */
    Set<SlashCommandBuilder> schemas() {
        return commands.values().stream().map(SlashCommandHandler::schema).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onSlashCommandCreate(SlashCommandCreateEvent event) {
        SlashCommandInteraction interaction = event.getSlashCommandInteraction();
        Optional<Server> server = interaction.getServer();
        if (server.isEmpty()) {
            return;
        }
        if (interaction.getChannel().flatMap(c -> c.asServerTextChannel()).isEmpty()) {
            interaction.createImmediateResponder().setContent(Messages.text(Locales.of(interaction), "common.onlyInTextChannels"))
                    .setAllowedMentions(Responses.NO_MENTIONS).respond().exceptionally(e -> Responses.failed("answer", e));
            return;
        }
        SlashCommandHandler handler = commands.get(interaction.getCommandName());
        if (handler == null) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring unknown command /" + interaction.getCommandName());
            return;
        }
        handler.run(interaction, server.get());
    }

    @Override
    public void onButtonClick(ButtonClickEvent event) {
        ButtonInteraction interaction = event.getButtonInteraction();
        dispatch(buttons, interaction.getCustomId(), interaction);
    }

    @Override
    public void onModalSubmit(ModalSubmitEvent event) {
        ModalInteraction interaction = event.getModalInteraction();
        dispatch(forms, interaction.getCustomId(), interaction);
    }

    /** The snowflake a custom id carries after its prefix, if it is one. */
    static OptionalLong snowflake(String rest) {
        try {
            return OptionalLong.of(Long.parseUnsignedLong(rest));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static <I> void dispatch(List<SlashCommandHandler.Route<I>> routes, String customId, I interaction) {
        if (customId == null) {
            return;
        }
        routes.stream().filter(r -> customId.startsWith(r.prefix())).findFirst()
                .ifPresent(r -> r.handler().accept(interaction, customId.substring(r.prefix().length())));
    }

    private static <I> List<SlashCommandHandler.Route<I>> longestFirst(List<SlashCommandHandler.Route<I>> routes) {
        if (routes.stream().map(SlashCommandHandler.Route::prefix).distinct().count() != routes.size()) {
            throw new IllegalArgumentException("two routes share a custom-id prefix: " + routes);
        }
        return routes.stream().sorted(Comparator.comparingInt((SlashCommandHandler.Route<I> r) -> r.prefix().length()).reversed())
                .toList();
    }
}
