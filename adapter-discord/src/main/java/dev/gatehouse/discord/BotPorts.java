package dev.gatehouse.discord;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.ImportDirectory;
import dev.gatehouse.core.port.in.ManagePersonalData;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.WelcomeMembers;
import java.util.Objects;

/**
 * What the bot needs from the core: the in-ports it drives, and a read-only view of each tenant's servers
 * ({@code guilds}, for log channel notices). {@code deliveries} should apply updates through the bot's own
 * {@link DiscordBot#memberAccess()} (e.g. {@code gatehouse.deliverMemberUpdatesVia(bot.memberAccess(), shard)}).
 */
public record BotPorts(RequestVerification verification, GateMessages gate, WelcomeMembers welcome,
                       AdministerGuild administration, ReviewWrongAnswers wrongAnswers, DeliverMemberUpdates deliveries,
                       TenantGuilds guilds, ImportDirectory directory,
                       ManagePersonalData personalData, RemoveUnverifiedMembers unverifiedMembers) {
    private static final System.Logger LOG = System.getLogger(BotPorts.class.getName());

    public BotPorts {
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(welcome, "welcome");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(wrongAnswers, "wrongAnswers");
        Objects.requireNonNull(deliveries, "deliveries");
        Objects.requireNonNull(guilds, "guilds");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(personalData, "personalData");
        Objects.requireNonNull(unverifiedMembers, "unverifiedMembers");
    }

    /** Everything from an assembled core, with the given delivery of member updates. */
    public static BotPorts of(Gatehouse gatehouse, DeliverMemberUpdates deliveries) {
        return new BotPorts(gatehouse.requestVerification(), gatehouse.gate(), gatehouse.welcome(), gatehouse.administration(),
                gatehouse.wrongAnswers(), deliveries, gatehouse.administration()::serversOf, gatehouse.importDirectory(),
                gatehouse.personalData(), gatehouse.unverifiedMembers());
    }
}
