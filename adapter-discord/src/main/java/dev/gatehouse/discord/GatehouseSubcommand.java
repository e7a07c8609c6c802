package dev.gatehouse.discord;

import java.util.List;
import org.javacord.api.interaction.ButtonInteraction;
import org.javacord.api.interaction.SlashCommandOption;

/**
 * One {@code /gatehouse} subcommand, run by a server admin: its name, its schema (a {@code SUB_COMMAND} option with
 * its own options), its answer, and the buttons its replies carry. {@link GatehouseCommand} checks the admin first.
 */
interface GatehouseSubcommand {
    String name();

    SlashCommandOption schema();

    void run(AdminRequest request);

    default List<SlashCommandHandler.Route<ButtonInteraction>> buttons() {
        return List.of();
    }
}
