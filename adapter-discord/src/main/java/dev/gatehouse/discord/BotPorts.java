package dev.gatehouse.discord;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.WelcomeMembers;
import java.util.Objects;

/**
 * What the bot needs from the core: the in-ports it drives, and a read-only view of each tenant's servers
 * ({@code guilds}, for log channel notices). {@code deliveries} should apply updates through the bot's own
 * {@link DiscordBot#memberAccess()} (e.g. {@code gatehouse.deliverMemberUpdatesVia(bot.memberAccess(), shard)}).
 */
public record BotPorts(RequestVerification verification, GateMessages gate, WelcomeMembers welcome,
                       AdministerGuild administration, ReviewWrongAnswers wrongAnswers, DeliverMemberUpdates deliveries,
                       TenantGuilds guilds) {
    private static final System.Logger LOG = System.getLogger(BotPorts.class.getName());

    public BotPorts {
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(welcome, "welcome");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(wrongAnswers, "wrongAnswers");
        Objects.requireNonNull(deliveries, "deliveries");
        Objects.requireNonNull(guilds, "guilds");
    }

    /**
     * The ports as before the wrong-answer log: {@code /gatehouse answers} and {@code clear_answers} then answer
     * that the service is unavailable. Prefer {@link #of} or the full constructor.
     */
    public BotPorts(RequestVerification verification, GateMessages gate, WelcomeMembers welcome, AdministerGuild administration,
                    DeliverMemberUpdates deliveries, TenantGuilds guilds) {
        this(verification, gate, welcome, administration, new NoWrongAnswers(), deliveries, guilds);
    }

    /** Everything from an assembled core, with the given delivery of member updates. */
    public static BotPorts of(Gatehouse gatehouse, DeliverMemberUpdates deliveries) {
        return new BotPorts(gatehouse.requestVerification(), gatehouse.gate(), gatehouse.welcome(), gatehouse.administration(),
                gatehouse.wrongAnswers(), deliveries, gatehouse.stores().guilds()::ofTenant);
    }

    /** Stands in when the host didn't wire the wrong-answer log: says so in the log, and the admin gets "unavailable". */
    private static final class NoWrongAnswers implements ReviewWrongAnswers {
        @Override
        public TopResult top(GuildId guild, int limit) {
            return unwired();
        }

        @Override
        public ClearResult clear(GuildId guild) {
            return unwired();
        }

        private static ServiceUnavailable unwired() {
            LOG.log(System.Logger.Level.WARNING, "the bot was started without the wrong-answer log: build BotPorts with "
                    + "BotPorts.of(gatehouse, deliveries) or pass gatehouse.wrongAnswers()");
            return new ServiceUnavailable();
        }
    }
}
