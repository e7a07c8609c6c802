package org.example.javacord;

import static org.example.fake.ChessClub.MAGNUS;
import static org.example.fake.ChessClub.SERVER;
import static org.example.fake.ChessClub.VERIFIED_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.DeliverMemberUpdates.DeliveryReport;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.GateMessages.GateDecision;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.example.fake.ChessClub;
import org.example.fake.Fake;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.junit.jupiter.api.Test;

/** The Javacord bot, with Javacord's own types answered by fakes (no connection): a member verifies and gets role and nickname. */
class JavacordHostBotTest {
    private final List<String> discordCalls = new CopyOnWriteArrayList<>();

    private CompletableFuture<Void> call(String what) {
        discordCalls.add(what);
        return CompletableFuture.runAsync(() -> { });
    }

    @Test
    void aMemberVerifiesAndJavacordIsAskedForTheRoleAndTheNickname() {
        User magnus = Fake.of(User.class, Map.of("getId", a -> MAGNUS, "getName", a -> "magnus"));
        Role verified = Fake.of(Role.class, Map.of("getId", a -> VERIFIED_ROLE));
        Server server = Fake.of(Server.class, Map.of("getId", a -> SERVER, "getName", a -> "Chess Club",
                "getMemberById", a -> Optional.of(magnus).filter(u -> (long) a[0] == MAGNUS),
                "getRoleById", a -> Optional.of(verified).filter(r -> (long) a[0] == VERIFIED_ROLE),
                "addRoleToUser", a -> call("role " + ((Role) a[1]).getId() + " to " + ((User) a[0]).getId()),
                "updateNickname", a -> call("nickname " + a[1])));
        DiscordApi api = Fake.of(DiscordApi.class, Map.of("getServerById", a -> Optional.of(server).filter(s -> (long) a[0] == SERVER)));
        ChessClub club = new ChessClub();

        try (JavacordHostBot bot = new JavacordHostBot(api, club.mailer)) {
            ChessClub.setUp(bot.gatehouse());
            LinkSent sent = assertInstanceOf(LinkSent.class, bot.onVerify(server, magnus, "M-17"));
            assertEquals(MailDelivery.SENT, sent.delivery().toCompletableFuture().join());
            assertInstanceOf(Confirmed.class, bot.gatehouse().reviewVerification().confirm(new LinkCommand(club.lastToken(), new ClientIp("192.0.2.1"))));

            assertEquals(new DeliveryReport(2, 0, 0), bot.gatehouse().deliverMemberUpdates().deliverDue(10));
            assertEquals(List.of("role 42 to 555", "nickname Magnus C."), discordCalls);
            assertEquals(GateDecision.KEEP_VERIFIED, bot.gatehouse().gate().decide(new GateCommand(new GuildId(SERVER), new DiscordUserId(MAGNUS), false)));
        }
    }
}
