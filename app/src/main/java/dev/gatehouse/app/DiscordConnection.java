package dev.gatehouse.app;

import org.javacord.api.DiscordApiBuilder;

/** How the bot reaches Discord: the real gateway by default; tests put a fake Discord here. */
@FunctionalInterface
interface DiscordConnection {
    DiscordApiBuilder newBuilder(String token);
}
