package dev.gatehouse.discord;

import java.util.List;
import java.util.function.BiConsumer;
import org.javacord.api.entity.server.Server;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.ModalInteraction;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandInteraction;

/**
 * One slash command: its name and schema (as registered with Discord), its answer, and the buttons and forms its
 * replies carry, each known by the prefix of its custom id. {@link InteractionRouter} dispatches to it.
 */
interface SlashCommandHandler {
    String name();

    SlashCommandBuilder schema();

    /** Answers the command, used in a text channel of {@code server}. */
    void run(SlashCommandInteraction interaction, Server server);

    default List<Route<ButtonInteraction>> buttons() {
        return List.of();
    }

    default List<Route<ModalInteraction>> forms() {
        return List.of();
    }

    /**
     * A button or form of this command: custom ids starting with {@code prefix} go to {@code handler}, with the rest
     * of the id (a snowflake, or empty).
     */
    record Route<I>(String prefix, BiConsumer<I, String> handler) {
        public Route {
            if (!prefix.startsWith(InteractionRouter.ID_PREFIX)) {
                throw new IllegalArgumentException("custom ids start with " + InteractionRouter.ID_PREFIX + ": " + prefix);
            }
        }
    }
}
