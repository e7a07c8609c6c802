package dev.gatehouse.discord;

import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.WelcomeMembers;
import java.util.Objects;

/**
 * The core's in-ports the bot drives. {@code deliveries} should apply updates through the bot's own
 * {@link DiscordBot#memberAccess()} (e.g. {@code gatehouse.deliverMemberUpdatesVia(bot.memberAccess(), shard)}).
 */
public record BotPorts(RequestVerification verification, GateMessages gate, WelcomeMembers welcome,
                       AdministerGuild administration, DeliverMemberUpdates deliveries) {
    public BotPorts {
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(welcome, "welcome");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(deliveries, "deliveries");
    }
}
