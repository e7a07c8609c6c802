package dev.gatehouse.discord.fake;

import java.util.List;

/** A slash command option as a member filled it in, for {@link FakeDiscord#slashCommand}. */
public record CommandOption(String name, int type, Object value, List<CommandOption> options) {

    public CommandOption {
        options = List.copyOf(options);
    }

    public static CommandOption string(String name, String value) {
        return new CommandOption(name, 3, value, List.of());
    }

    public static CommandOption integer(String name, long value) {
        return new CommandOption(name, 4, value, List.of());
    }

    public static CommandOption bool(String name, boolean value) {
        return new CommandOption(name, 5, value, List.of());
    }

    public static CommandOption user(String name, long userId) {
        return new CommandOption(name, 6, Long.toUnsignedString(userId), List.of());
    }

    public static CommandOption channel(String name, long channelId) {
        return new CommandOption(name, 7, Long.toUnsignedString(channelId), List.of());
    }

    public static CommandOption role(String name, long roleId) {
        return new CommandOption(name, 8, Long.toUnsignedString(roleId), List.of());
    }

    public static CommandOption subcommand(String name, CommandOption... options) {
        return new CommandOption(name, 1, null, List.of(options));
    }

    /** A subcommand group ({@code /gatehouse roles map …}) holding one subcommand. */
    public static CommandOption group(String name, CommandOption subcommand) {
        return new CommandOption(name, 2, null, List.of(subcommand));
    }
}
