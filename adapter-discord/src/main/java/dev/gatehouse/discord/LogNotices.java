package dev.gatehouse.discord;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationDenied;
import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.event.VerificationListener;
import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.TenantId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.server.Server;
import org.javacord.api.exception.MissingPermissionsException;
import org.javacord.api.exception.NotFoundException;

/**
 * Posts short notices about the core's events to log channels: a denied verification and a new link to the
 * log channel of the server where it happened, a removed link to the log channel of every server of the
 * tenant that this bot serves. Events arrive on the core's thread; this only queues them (in order, on one
 * thread of its own) and never throws back. Posting is best effort: while the bot isn't connected, when the
 * queue is full, or when Discord refuses (missing permission, deleted channel) the notice is logged and dropped.
 * In a fleet, a notice for a server whose shard this instance doesn't have connected goes to the {@link Relay}, which
 * hands it to the instance that owns the shard.
 */
final class LogNotices implements VerificationListener {
    private static final System.Logger LOG = System.getLogger(LogNotices.class.getName());
    private static final int QUEUE_CAPACITY = 1_000;

    private record Connection(GuildApis apis, TenantGuilds guilds, Optional<Relay> relay, ThreadPoolExecutor poster) {
    }

    /** Takes a notice for a server whose shard another instance owns. */
    @FunctionalInterface
    interface Relay {
        void relay(GuildId guild, ChannelId channel, String text);
    }

    /** Where a notice goes: the tenant's servers with a log channel, or only {@code onlyIn} of them. */
    record Notice(TenantId tenant, Optional<GuildId> onlyIn, String text) {
        static Notice of(VerificationEvent event) {
            if (event instanceof VerificationDenied denied) {
                return new Notice(denied.session().tenant(), Optional.of(denied.session().guild()), deniedNotice(denied));
            }
            if (event instanceof MemberVerified verified) {
                return new Notice(verified.link().tenant(), Optional.of(verified.guild()), verifiedNotice(verified));
            }
            if (event instanceof MemberUnlinked unlinked) {
                return new Notice(unlinked.link().tenant(), Optional.empty(), unlinkedNotice(unlinked));
            }
            throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
        }

        boolean goesTo(GuildSettings settings) {
            return settings.logChannel().isPresent() && onlyIn.map(settings.guild()::equals).orElse(true);
        }
    }

    private volatile Connection connection;

    /** For the log channel of the server where the request was made: the mailbox owner said "this wasn't me". */
    static String deniedNotice(VerificationDenied denied) {
        VerificationSession session = denied.session();
        DiscordUserId requester = session.requester().id();
        String user = Markdown.code(session.directoryUser().value());
        String text = Messages.text("notice.denied", Markdown.mention(requester), Markdown.escape(session.requester().username()),
                requester.toString(), user);
        if (denied.blockedUntil().isAfter(denied.at())) {
            text += " " + Messages.text("notice.denied.blocked", user, Markdown.timestamp(denied.blockedUntil()));
        }
        return CommonReplies.limit(text);
    }

    /** For the log channel of the server where the member verified (or was linked by an admin). */
    static String verifiedNotice(MemberVerified verified) {
        Link link = verified.link();
        return CommonReplies.limit(Messages.text("notice.verified", Markdown.mention(link.discordUser()), link.discordUser().toString(),
                Markdown.code(link.directoryUser().value()), CommonReplies.origin(link)));
    }

    /** For the log channels of all the tenant's servers: a link was removed. */
    static String unlinkedNotice(MemberUnlinked unlinked) {
        Link link = unlinked.link();
        String who = Markdown.mention(link.discordUser());
        String as = Markdown.code(link.directoryUser().value());
        if (unlinked.actor().equals(link.discordUser())) {
            return CommonReplies.limit(Messages.text("notice.unlinked.self", who, link.discordUser().toString(), as));
        }
        return CommonReplies.limit(Messages.text("notice.unlinked.byAdmin", who, link.discordUser().toString(), as,
                Markdown.mention(unlinked.actor()), unlinked.actor().toString()));
    }

    /** Starts posting through {@code api}, looking log channels up in {@code guilds}. */
    synchronized void connect(DiscordApi api, TenantGuilds guilds) {
        connect(guild -> api, guilds);
    }

    /** Starts posting through the client of each guild's shard, looking log channels up in {@code guilds}. */
    synchronized void connect(GuildApis apis, TenantGuilds guilds) {
        connect(apis, guilds, Optional.empty());
    }

    /**
     * Starts posting through the client of each guild's shard; a notice for a guild whose shard has no client here goes
     * to {@code relay}.
     */
    synchronized void connect(GuildApis apis, TenantGuilds guilds, Relay relay) {
        connect(apis, guilds, Optional.of(relay));
    }

    private void connect(GuildApis apis, TenantGuilds guilds, Optional<Relay> relay) {
        ThreadPoolExecutor poster = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "gatehouse-discord-notices");
                    thread.setDaemon(true);
                    return thread;
                });
        connection = new Connection(apis, guilds, relay, poster);
    }

    /** Stops taking notices; those already queued get up to {@code grace} to be handed to Discord. */
    synchronized void disconnect(Duration grace) {
        Connection current = connection;
        connection = null;
        if (current == null) {
            return;
        }
        current.poster().shutdown();
        try {
            if (!current.poster().awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                current.poster().shutdownNow();
            }
        } catch (InterruptedException e) {
            current.poster().shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void on(VerificationEvent event) {
        if (!(event instanceof VerificationDenied || event instanceof MemberVerified || event instanceof MemberUnlinked)) {
            // removals, regroupings and lapses come in bulk (a sync, a yearly lapse): the audit log has them, a channel doesn't
            LOG.log(System.Logger.Level.DEBUG, "no log channel notice for " + name(event));
            return;
        }
        try {
            Connection current = connection;
            if (current == null) {
                LOG.log(System.Logger.Level.DEBUG, "the bot isn't connected: no log channel notice for " + name(event));
                return;
            }
            current.poster().execute(() -> post(current, event));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "log channel notice for " + name(event)
                    + " dropped: too many notices waiting, or the bot is stopping");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "log channel notice for " + name(event) + " dropped", e);
        }
    }

    /**
     * Posts {@code text} to a server's log channel, queued behind the event notices; best effort like them. For
     * problems only admins can fix (a kick that failed, a server that can't verify anyone).
     */
    void post(GuildId guild, ChannelId channel, String text) {
        Connection current = connection;
        if (current == null) {
            return;
        }
        try {
            current.poster().execute(() -> {
                try {
                    send(current, guild, channel, text, true, () -> { });
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not post an admin notice to server " + guild, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "admin notice for server " + guild + " dropped: too many notices waiting, "
                    + "or the bot is stopping");
        }
    }

    /**
     * Posts a notice another instance relayed here, queued like the rest; {@code settled} runs once it is in the channel
     * or can never be (no permission, channel or server gone), and not when the shard isn't connected here or Discord
     * failed otherwise, so the claim runs out and the notice is handed out again.
     */
    void postRelayed(GuildId guild, ChannelId channel, String text, Runnable settled) {
        Connection current = connection;
        if (current == null) {
            return;
        }
        try {
            current.poster().execute(() -> {
                try {
                    send(current, guild, channel, text, false, settled);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not post a relayed notice to server " + guild, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "relayed notice for server " + guild + " left for later: too many notices "
                    + "waiting, or the bot is stopping");
        }
    }

    @Override
    public String toString() {
        return "Gatehouse Discord log channel notices";
    }

    private static void post(Connection connection, VerificationEvent event) {
        try {
            Notice notice = Notice.of(event);
            for (GuildSettings settings : connection.guilds().ofTenant(notice.tenant())) {
                if (notice.goesTo(settings)) {
                    send(connection, settings.guild(), settings.logChannel().orElseThrow(), notice.text(), true, () -> { });
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not post the log channel notice for " + name(event), e);
        }
    }

    private static void send(Connection connection, GuildId guild, ChannelId channelId, String text, boolean mayRelay,
            Runnable settled) {
        DiscordApi api = connection.apis().forGuild(guild.value());
        if (api == null && !mayRelay) {
            LOG.log(System.Logger.Level.DEBUG, "the shard of server " + guild + " left this instance: its relayed notice waits");
            return;
        }
        if (api == null && connection.relay().isPresent()) {
            connection.relay().get().relay(guild, channelId, text);
            LOG.log(System.Logger.Level.DEBUG, "the shard of server " + guild + " isn't connected here: notice relayed to its owner");
            return;
        }
        Optional<Server> server = api == null ? Optional.empty() : api.getServerById(guild.value());
        if (server.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "server " + guild + " isn't served by this bot (another shard, or the bot left it)");
            settled.run();
            return;
        }
        Optional<ServerTextChannel> channel = server.get().getTextChannelById(channelId.value());
        if (channel.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "the log channel " + channelId + " of server " + guild
                    + " no longer exists; an admin can choose another with /gatehouse setup");
            settled.run();
            return;
        }
        new MessageBuilder().setContent(text).setAllowedMentions(Responses.NO_MENTIONS).send(channel.get())
                .thenRun(settled)
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof MissingPermissionsException || cause instanceof NotFoundException) {
                        settled.run();
                    }
                    if (cause instanceof MissingPermissionsException) {
                        LOG.log(System.Logger.Level.WARNING, "no permission to post in the log channel " + channelId + " of server "
                                + guild + "; it needs View Channel and Send Messages for the bot");
                    } else if (cause instanceof NotFoundException) {
                        LOG.log(System.Logger.Level.WARNING, "the log channel " + channelId + " of server " + guild
                                + " no longer exists; an admin can choose another with /gatehouse setup");
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "posting to the log channel " + channelId + " of server " + guild
                                + " failed", cause);
                    }
                    return null;
                });
    }

    private static String name(VerificationEvent event) {
        return event == null ? "null" : event.getClass().getSimpleName();
    }
}
