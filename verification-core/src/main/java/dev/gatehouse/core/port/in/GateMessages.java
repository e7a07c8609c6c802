package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import java.util.Objects;

/** The message gate: should this message stay? Answered from memory, for every message. */
public interface GateMessages {

    GateDecision decide(GateCommand command);

    /** The message's server and author. */
    record GateCommand(GuildId guild, DiscordUserId author, boolean authorIsBot) {
        public GateCommand {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(author, "author");
        }
    }

    /** What to do with the message, and why. */
    enum GateDecision {
        KEEP_SERVER_NOT_GATED,
        KEEP_BOT,
        KEEP_VERIFIED,
        DELETE_UNVERIFIED;

        public boolean deletes() {
            return this == DELETE_UNVERIFIED;
        }
    }
}
