package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import java.util.Objects;

/** The message gate: should this message stay? Answered from memory, for every message. */
public interface GateMessages {

    /**
     * Decides from memory, with no query per message, so it may run on the chat library's event thread.
     *
     * @param command the message's server and author
     * @return whether to keep or delete the message, and why
     */
    GateDecision decide(GateCommand command);

    /**
     * The message's server and author.
     *
     * @param guild the server
     * @param author who wrote the message
     * @param authorIsBot whether the author is a bot
     */
    record GateCommand(GuildId guild, DiscordUserId author, boolean authorIsBot) {
        public GateCommand {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(author, "author");
        }
    }

    /** What to do with the message, and why. */
    enum GateDecision {
        /** The server is not gated (or not set up). */
        KEEP_SERVER_NOT_GATED,
        /** Bots are never gated. */
        KEEP_BOT,
        /** The author is verified in the server's tenant. */
        KEEP_VERIFIED,
        /** The author is not verified: delete the message. */
        DELETE_UNVERIFIED;

        /** {@return whether the message is to be deleted} */
        public boolean deletes() {
            return this == DELETE_UNVERIFIED;
        }
    }
}
