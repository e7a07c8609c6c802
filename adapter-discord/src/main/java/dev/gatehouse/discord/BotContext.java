package dev.gatehouse.discord;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every command handler may use: the core's ports, the bot's settings, the executor core calls run on (never
 * Javacord's listener threads), a nudge to deliver member updates now, the log channel notices, and the time an
 * interaction may wait for the core before it is deferred.
 */
record BotContext(BotPorts ports, BotSettings settings, Executor work, Runnable deliverSoon, LogNotices notices,
                  Duration decisionBudget) {
    BotContext {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(deliverSoon, "deliverSoon");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(decisionBudget, "decisionBudget");
    }
}
