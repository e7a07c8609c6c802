package dev.gatehouse.core.service;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.port.out.Guilds;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Tells the host about a server whose setup lets members verify without effect (no role, verification off, an
 * empty directory…): the warnings {@code status} shows, reported when a member first asks to verify there and again
 * whenever the server's settings have changed and the warnings with them. Never blocks or fails the request.
 */
public final class SetupWatch {
    private static final System.Logger LOG = System.getLogger("dev.gatehouse.core.Gatehouse");

    private final Guilds guilds;
    private final AdministerGuild administration;
    private final BiConsumer<GuildId, List<SetupWarning>> report;
    private final Map<GuildId, GuildSettings> checked = new ConcurrentHashMap<>();
    private final Map<GuildId, List<SetupWarning>> reported = new ConcurrentHashMap<>();

    public SetupWatch(Guilds guilds, AdministerGuild administration, BiConsumer<GuildId, List<SetupWarning>> report) {
        this.guilds = Objects.requireNonNull(guilds, "guilds");
        this.administration = Objects.requireNonNull(administration, "administration");
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The default report: one WARNING log line per server, in the words of {@code status}. */
    public static void log(GuildId guild, List<SetupWarning> warnings) {
        LOG.log(System.Logger.Level.WARNING, "server " + guild + " is not fully set up: "
                + String.join(" ", warnings.stream().map(SetupWarning::inWords).toList()));
    }

    /** After a member asked to verify in {@code guild}. */
    public void memberAsked(GuildId guild) {
        try {
            Optional<GuildSettings> settings = guilds.find(guild);
            if (settings.isEmpty() || settings.get().equals(checked.get(guild))) {
                return;
            }
            checked.put(guild, settings.get());
            if (administration.status(guild) instanceof GuildStatus status && !status.warnings().isEmpty()
                    && !status.warnings().equals(reported.get(guild))) {
                reported.put(guild, status.warnings());
                report.accept(guild, status.warnings());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not check the setup of server " + guild, e);
        }
    }
}
