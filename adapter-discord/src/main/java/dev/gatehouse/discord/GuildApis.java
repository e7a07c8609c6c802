package dev.gatehouse.discord;

import org.javacord.api.DiscordApi;

/** The Javacord client that serves a guild here: the only one, or the one of the guild's shard (null if none). */
@FunctionalInterface
interface GuildApis {
    DiscordApi forGuild(long guildId);
}
