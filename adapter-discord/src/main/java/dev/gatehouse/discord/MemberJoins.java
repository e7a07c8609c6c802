package dev.gatehouse.discord;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers.Counted;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers.PresentCommand;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.in.WelcomeMembers.AccessRestored;
import dev.gatehouse.core.port.in.WelcomeMembers.JoinCommand;
import dev.gatehouse.core.port.in.WelcomeMembers.OfferVerification;
import dev.gatehouse.core.port.in.WelcomeMembers.SendVerifyHint;
import dev.gatehouse.core.text.Languages;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.server.member.ServerMemberJoinEvent;
import org.javacord.api.exception.CannotMessageUserException;
import org.javacord.api.event.server.member.ServerMemberLeaveEvent;
import org.javacord.api.listener.server.member.ServerMemberJoinListener;
import org.javacord.api.listener.server.member.ServerMemberLeaveListener;

/**
 * A member joined: a linked member gets role and nickname at once (the core queues them, the bot drains
 * right away); otherwise, if the server wants it, a DM offers a Verify button (verify on join) or explains
 * {@code /verify}. Closed DMs are normal. A member who leaves is no longer counted for the removal of unverified members.
 */
final class MemberJoins implements ServerMemberJoinListener, ServerMemberLeaveListener {
    private static final System.Logger LOG = System.getLogger(MemberJoins.class.getName());

    private final WelcomeMembers welcome;
    private final RemoveUnverifiedMembers unverified;
    private final Executor work;
    private final Runnable deliverSoon;

    MemberJoins(WelcomeMembers welcome, RemoveUnverifiedMembers unverified, Executor work, Runnable deliverSoon) {
        this.welcome = welcome;
        this.unverified = unverified;
        this.work = work;
        this.deliverSoon = deliverSoon;
    }

    @Override
    public void onServerMemberJoin(ServerMemberJoinEvent event) {
        Server server = event.getServer();
        User user = event.getUser();
        if (user.isBot()) {
            return;
        }
        work.execute(() -> {
            WelcomeMembers.JoinResult result;
            try {
                result = welcome.joined(new JoinCommand(new GuildId(server.getId()), new DiscordUserId(user.getId())));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "handling the join of " + user.getId() + " failed", e);
                return;
            }
            if (result instanceof AccessRestored) {
                deliverSoon.run();
            } else if (result instanceof OfferVerification offer) {
                dm(server, user, "verify button", new MessageBuilder()
                        .setContent(verifyOffer(offer.tenantName(), server.getName(), language(server)))
                        .addComponents(ActionRow.of(Button.primary(VerifyCommand.VERIFY_BUTTON + server.getIdAsString(),
                                VerifyCommand.verifyButton(language(server))))));
            } else if (result instanceof SendVerifyHint hint) {
                dm(server, user, "/verify hint", new MessageBuilder().setContent(verifyHint(hint.tenantName(), server.getName(),
                        language(server))));
            }
        });
    }

    @Override
    public void onServerMemberLeave(ServerMemberLeaveEvent event) {
        if (event.getUser().isBot()) {
            return;
        }
        GuildId guild = new GuildId(event.getServer().getId());
        DiscordUserId member = new DiscordUserId(event.getUser().getId());
        work.execute(() -> unverified.left(guild, member));
    }

    /**
     * Reports every server's members to the removal of unverified members, so members who joined while the bot was away
     * count from now (the core ignores servers that don't remove anyone, and members counted already).
     */
    void reportPresent(DiscordApi api) {
        for (Server server : api.getServers()) {
            work.execute(() -> present(unverified, server));
        }
    }

    /**
     * The server's members as the bot's cache has them, reported present; bots and the owner (who can't be kicked) are
     * left out. Empty if the core is down.
     */
    static Optional<Integer> present(RemoveUnverifiedMembers unverified, Server server) {
        Set<DiscordUserId> members = server.getMembers().stream().filter(u -> !u.isBot() && u.getId() != server.getOwnerId())
                .map(u -> new DiscordUserId(u.getId()))
                .collect(Collectors.toSet());
        try {
            RemoveUnverifiedMembers.PresentResult result = unverified.present(new PresentCommand(new GuildId(server.getId()), members));
            return result instanceof Counted counted ? Optional.of(counted.newlyCounted()) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reporting the members of server " + server.getId() + " failed", e);
            return Optional.empty();
        }
    }

    /** Discord tells no joining member's language, so the DM speaks the server's (its "preferred locale"). */
    private static Locale language(Server server) {
        Locale preferred = server.getPreferredLocale();
        return preferred == null ? Messages.LOCALE : Languages.orEnglish(preferred);
    }

    /** The DM a joining member gets when the server wants it. */
    static String verifyHint(String tenantName, String serverName) {
        return verifyHint(tenantName, serverName, Messages.LOCALE);
    }

    static String verifyHint(String tenantName, String serverName, Locale language) {
        return Messages.text(language, "join.hint", Markdown.escape(tenantName), Markdown.escape(serverName));
    }

    /** The DM a joining member gets when the server verifies on join; a Verify button goes with it. */
    static String verifyOffer(String tenantName, String serverName) {
        return verifyOffer(tenantName, serverName, Messages.LOCALE);
    }

    static String verifyOffer(String tenantName, String serverName, Locale language) {
        return Messages.text(language, "join.offer", Markdown.escape(tenantName), Markdown.escape(serverName),
                VerifyCommand.verifyButton(language));
    }

    private static void dm(Server server, User user, String what, MessageBuilder message) {
        message.setAllowedMentions(Responses.NO_MENTIONS)
                .send(user)
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof CannotMessageUserException) {
                        LOG.log(System.Logger.Level.INFO, "member " + user.getId() + " of server " + server.getId()
                                + " doesn't accept DMs; no " + what + " sent");
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "could not DM the " + what + " to " + user.getId(), cause);
                    }
                    return null;
                });
    }
}
