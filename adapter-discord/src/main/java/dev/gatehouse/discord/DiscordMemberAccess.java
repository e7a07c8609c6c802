package dev.gatehouse.discord;

import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.port.out.MemberAccess;
import dev.gatehouse.core.text.Moments;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.exception.CannotMessageUserException;
import org.javacord.api.exception.DiscordException;

/**
 * Applies member updates with Javacord: roles through the per-role endpoint, nicknames through a member
 * PATCH, kicks through the member DELETE, each with the update's reason in the audit log; notices as DMs. Blocks the calling (drainer) thread for at most
 * the configured timeout per Discord call.
 *
 * <p>Javacord 3.8.0 handles HTTP 429 itself: it waits out {@code retry_after} and repeats the request, so
 * a rate limit shows here only as a slower answer; one slower than the timeout is reported as
 * {@link AccessOutcome.Failed} and retried by the core (every change is idempotent).
 */
final class DiscordMemberAccess implements MemberAccess {
    private static final System.Logger LOG = System.getLogger(DiscordMemberAccess.class.getName());

    private final Duration timeout;
    private volatile GuildApis apis;

    DiscordMemberAccess(Duration timeout) {
        this.timeout = timeout;
    }

    void connect(DiscordApi connected) {
        this.apis = guild -> connected;
    }

    /** Applies each update through the client of its guild's shard ({@code null} when this instance hasn't it). */
    void connect(GuildApis byGuild) {
        this.apis = byGuild;
    }

    void disconnect() {
        this.apis = null;
    }

    @Override
    public AccessOutcome apply(MemberUpdate update) {
        GuildApis routes = apis;
        long guildId = update.guild().value();
        DiscordApi current = routes == null ? null : routes.forGuild(guildId);
        if (current == null) {
            return new AccessOutcome.Failed(routes == null ? "the bot is not connected to Discord"
                    : "the shard of server " + update.guild() + " is not connected on this instance");
        }
        Optional<Server> found = current.getServerById(guildId);
        if (found.isEmpty()) {
            if (current.getUnavailableServers().contains(guildId)) {
                return new AccessOutcome.Failed("server " + update.guild() + " is unavailable (Discord outage)");
            }
            return new AccessOutcome.Impossible("the bot is not in server " + update.guild());
        }
        Server server = found.get();
        long memberId = update.member().value();
        try {
            MemberChange change = update.change();
            if (change instanceof MemberChange.GrantRole grant) {
                Optional<Role> role = server.getRoleById(grant.role().value());
                if (role.isEmpty()) {
                    return new AccessOutcome.Impossible("role " + grant.role() + " no longer exists");
                }
                await(server.addRoleToUser(user(current, server, memberId), role.get(), update.reason()));
            } else if (change instanceof MemberChange.RevokeRole revoke) {
                Optional<Role> role = server.getRoleById(revoke.role().value());
                if (role.isEmpty()) {
                    return AccessOutcome.applied();
                }
                await(server.removeRoleFromUser(user(current, server, memberId), role.get(), update.reason()));
            } else if (change instanceof MemberChange.SetNickname nickname) {
                if (server.getOwnerId() == memberId) {
                    return ownersNickname(update);
                }
                await(server.updateNickname(user(current, server, memberId), nickname.nickname(), update.reason()));
            } else if (change instanceof MemberChange.ResetNickname) {
                if (server.getOwnerId() == memberId) {
                    return ownersNickname(update);
                }
                await(server.resetNickname(user(current, server, memberId), update.reason()));
            } else if (change instanceof MemberChange.Kick) {
                if (server.getOwnerId() == memberId) {
                    return new AccessOutcome.Impossible("Discord doesn't let bots remove the server's owner");
                }
                if (server.getMemberById(memberId).isEmpty()) {
                    return AccessOutcome.applied();
                }
                await(server.kickUser(user(current, server, memberId), update.reason()));
            } else if (change instanceof MemberChange.Notify notify) {
                await(user(current, server, memberId).sendMessage(noticeText(notify.notice(), server.getName())));
            }
            return AccessOutcome.applied();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CannotMessageUserException) {
                return new AccessOutcome.Impossible("member " + update.member() + " doesn't accept direct messages from the server");
            }
            return outcomeOf(e.getCause());
        } catch (TimeoutException e) {
            return new AccessOutcome.Failed("Discord did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AccessOutcome.Failed("interrupted while waiting for Discord");
        }
    }

    /** The member's text, in their language, with the server's name and any time in the tenant's zone. */
    static String noticeText(MemberNotice notice, String serverName) {
        String server = Markdown.escape(serverName);
        Locale language = notice.language();
        if (notice instanceof MemberNotice.VerificationEnding ending) {
            return Messages.text(language, "notice.verificationEnding", server,
                    Moments.describe(ending.until(), ending.timeZone(), language));
        }
        if (notice instanceof MemberNotice.RemovalWarning warning) {
            return Messages.text(language, "notice.removalWarning", server,
                    Moments.describe(warning.removalAt(), warning.timeZone(), language));
        }
        return Messages.text(language, "notice.verificationLapsed", server);
    }

    private static AccessOutcome ownersNickname(MemberUpdate update) {
        LOG.log(System.Logger.Level.INFO, "not changing the nickname of member " + update.member()
                + ": they own server " + update.guild() + ", and Discord lets nobody change the owner's nickname");
        return new AccessOutcome.Impossible("Discord doesn't let bots change the server owner's nickname");
    }

    private User user(DiscordApi current, Server server, long memberId)
            throws ExecutionException, TimeoutException, InterruptedException {
        Optional<User> cached = server.getMemberById(memberId);
        if (cached.isPresent()) {
            return cached.get();
        }
        return await(current.getUserById(memberId));
    }

    private <T> T await(CompletableFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static AccessOutcome outcomeOf(Throwable failure) {
        if (failure instanceof DiscordException discord) {
            int status = discord.getResponse().map(r -> r.getCode()).orElse(0);
            String message = failure.getMessage() == null ? "" : failure.getMessage();
            if (status == 404) {
                return new AccessOutcome.Impossible("Discord doesn't know the member or role (" + message + ")");
            }
            if (status == 400) {
                return new AccessOutcome.Impossible("Discord refused the change (" + message + ")");
            }
            if (status == 403) {
                return new AccessOutcome.Failed("missing permission: the bot needs Manage Roles / Manage Nicknames (Kick Members to remove members) and a "
                        + "role above the member's (" + message + ")");
            }
            return new AccessOutcome.Failed("Discord answered " + (status == 0 ? "with an error" : status) + " (" + message + ")");
        }
        return new AccessOutcome.Failed(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
