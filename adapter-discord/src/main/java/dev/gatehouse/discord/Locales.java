package dev.gatehouse.discord;

import dev.gatehouse.core.text.Languages;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.javacord.api.interaction.DiscordLocale;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandOptionBuilder;

/**
 * Which language a member reads: the interaction's {@code locale} (the language of their Discord client) if Gatehouse
 * speaks it, else English; and the slash commands' names and descriptions in every language Gatehouse speaks, through
 * Discord's {@code name_localizations} and {@code description_localizations}.
 */
final class Locales {
    /** Discord's locale for each language Gatehouse speaks besides English (its base texts). */
    static final Map<DiscordLocale, Locale> TRANSLATED;

    static {
        Map<DiscordLocale, Locale> translated = new LinkedHashMap<>();
        translated.put(DiscordLocale.GERMAN, Locale.GERMAN);
        translated.put(DiscordLocale.FRENCH, Locale.FRENCH);
        translated.put(DiscordLocale.SPANISH, Locale.forLanguageTag("es"));
        translated.put(DiscordLocale.PORTUGUESE_BRAZILIAN, Languages.BRAZILIAN_PORTUGUESE);
        TRANSLATED = Map.copyOf(translated);
    }

    private Locales() {
    }

    /** The member's language if Discord told it and Gatehouse speaks it. */
    static Optional<Locale> requested(InteractionBase interaction) {
        DiscordLocale locale = interaction.getLocale();
        return locale == null || locale == DiscordLocale.UNKNOWN ? Optional.empty() : Languages.ofTag(locale.getLocaleCode());
    }

    /** The language to answer {@code interaction} in. */
    static Locale of(InteractionBase interaction) {
        return requested(interaction).orElse(Languages.ENGLISH);
    }

    /** Adds the translated name ({@code <prefix>.name}) and description ({@code <prefix>.description}) of a command. */
    static SlashCommandBuilder localized(SlashCommandBuilder command, String prefix) {
        TRANSLATED.forEach((discord, language) -> {
            command.addNameLocalization(discord, Messages.text(language, prefix + ".name"));
            command.addDescriptionLocalization(discord, Messages.text(language, prefix + ".description"));
        });
        return command;
    }

    /** Adds the translated name ({@code <key>.name}) and description ({@code <key>}) of an option. */
    static SlashCommandOptionBuilder localized(SlashCommandOptionBuilder option, String key) {
        TRANSLATED.forEach((discord, language) -> {
            option.addNameLocalization(discord, Messages.text(language, key + ".name"));
            option.addDescriptionLocalization(discord, Messages.text(language, key));
        });
        return option;
    }
}
