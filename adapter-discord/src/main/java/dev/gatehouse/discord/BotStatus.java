package dev.gatehouse.discord;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Where the bot's connection to Discord stands; read it with {@link DiscordBot#status()}. */
public sealed interface BotStatus {

    /** Created, not started. */
    record NotStarted() implements BotStatus {
    }

    /**
     * Logging in, or waiting to try again: attempt {@code attempt} since {@code since}; {@code lastFailure} says why the
     * previous attempt failed, if one did.
     */
    record Connecting(int attempt, Instant since, Optional<String> lastFailure) implements BotStatus {
        public Connecting {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts count from 1, got " + attempt);
            }
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }

    /** Connected as {@code botName} to {@code servers} servers since {@code since}. */
    record Connected(String botName, int servers, Instant since) implements BotStatus {
        public Connected {
            Objects.requireNonNull(botName, "botName");
            Objects.requireNonNull(since, "since");
        }
    }

    /** Was connected; the gateway connection dropped at {@code since} and Javacord is reconnecting. */
    record Reconnecting(Instant since) implements BotStatus {
        public Reconnecting {
            Objects.requireNonNull(since, "since");
        }
    }

    /** Stopped by {@link DiscordBot#stop()}. */
    record Stopped() implements BotStatus {
    }
}
