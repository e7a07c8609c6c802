package dev.gatehouse.discord;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandInteractionOption;

/** A {@code /gatehouse} subcommand as an admin ran it: where, by whom, with which options. */
record AdminRequest(SlashCommandInteraction interaction, Server server, User admin, SlashCommandInteractionOption options,
                    BotContext context) {
    private static final System.Logger LOG = System.getLogger(AdminRequest.class.getName());

    AdminRequest {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(context, "context");
    }

    GuildId guild() {
        return new GuildId(server.getId());
    }

    DiscordUserId actor() {
        return new DiscordUserId(admin.getId());
    }

    Optional<String> string(String option) {
        return options.getArgumentStringValueByName(option);
    }

    Optional<Boolean> flag(String option) {
        return options.getArgumentBooleanValueByName(option);
    }

    Optional<Long> number(String option) {
        return options.getArgumentLongValueByName(option);
    }

    /** A user, role or channel option: its snowflake. */
    Optional<Long> snowflake(String option) {
        return options.getArgumentStringRepresentationValueByName(option).map(Long::parseUnsignedLong);
    }

    /**
     * Defers the answer (ephemeral), computes {@code reply} on the bot's executor and shows it; if the core fails
     * unexpectedly the admin reads that verification is unavailable.
     */
    void answerLater(Supplier<String> reply) {
        interaction.respondLater(true).thenAcceptAsync(updater -> {
            String text;
            try {
                text = reply.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "/gatehouse " + options.getName() + " failed", e);
                text = CommonReplies.serviceUnavailable();
            }
            Responses.edit(updater, text);
        }, context.work()).exceptionally(e -> Responses.failed("/gatehouse", e));
    }
}
