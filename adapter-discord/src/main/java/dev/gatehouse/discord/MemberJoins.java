package dev.gatehouse.discord;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.in.WelcomeMembers.AccessRestored;
import dev.gatehouse.core.port.in.WelcomeMembers.JoinCommand;
import dev.gatehouse.core.port.in.WelcomeMembers.OfferVerification;
import dev.gatehouse.core.port.in.WelcomeMembers.SendVerifyHint;
import dev.gatehouse.core.text.Languages;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.server.member.ServerMemberJoinEvent;
import org.javacord.api.exception.CannotMessageUserException;
import org.javacord.api.listener.server.member.ServerMemberJoinListener;

/**
 * A member joined: a linked member gets role and nickname at once (the core queues them, the bot drains
 * right away); otherwise, if the server wants it, a DM offers a Verify button (verify on join) or explains
 * {@code /verify}. Closed DMs are normal.
 */
final class MemberJoins implements ServerMemberJoinListener {
    private static final System.Logger LOG = System.getLogger(MemberJoins.class.getName());

    private final WelcomeMembers welcome;
    private final Executor work;
    private final Runnable deliverSoon;

    MemberJoins(WelcomeMembers welcome, Executor work, Runnable deliverSoon) {
        this.welcome = welcome;
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
