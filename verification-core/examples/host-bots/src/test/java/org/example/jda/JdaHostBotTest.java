package org.example.jda;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.requests.restaction.AuditableRestAction;
import org.example.fake.ChessClub;
import org.example.fake.Fake;
import org.junit.jupiter.api.Test;

/** The JDA bot, with JDA's own types answered by fakes (no connection): a member verifies and gets role and nickname. */
class JdaHostBotTest {
    private final List<String> discordCalls = new CopyOnWriteArrayList<>();

    private AuditableRestAction<?> call(String what) {
        return Fake.of(AuditableRestAction.class, Map.of("submit", a -> {
            discordCalls.add(what);
            return CompletableFuture.supplyAsync(() -> null);
        }));
    }

    @Test
    void aMemberVerifiesAndJdaIsAskedForTheRoleAndTheNickname() {
        Member magnus = Fake.of(Member.class, Map.of("getIdLong", a -> MAGNUS, "modifyNickname", a -> call("nickname " + a[0])));
        Role verified = Fake.of(Role.class, Map.of("getIdLong", a -> VERIFIED_ROLE));
        Guild guild = Fake.of(Guild.class, Map.of("getIdLong", a -> SERVER, "getName", a -> "Chess Club",
                "getMemberById", a -> (long) a[0] == MAGNUS ? magnus : null,
                "getRoleById", a -> (long) a[0] == VERIFIED_ROLE ? verified : null,
                "addRoleToMember", a -> call("role " + ((Role) a[1]).getIdLong() + " to " + ((Member) a[0]).getIdLong())));
        JDA jda = Fake.of(JDA.class, Map.of("getGuildById", a -> (long) a[0] == SERVER ? guild : null));
        User user = Fake.of(User.class, Map.of("getIdLong", a -> MAGNUS, "getName", a -> "magnus"));
        ChessClub club = new ChessClub();

        try (JdaHostBot bot = new JdaHostBot(jda, club.mailer)) {
            ChessClub.setUp(bot.gatehouse());
            LinkSent sent = assertInstanceOf(LinkSent.class, bot.onVerify(guild, user, "M-17"));
            assertEquals(MailDelivery.SENT, sent.delivery().toCompletableFuture().join());
            assertInstanceOf(Confirmed.class, bot.gatehouse().reviewVerification().confirm(new LinkCommand(club.lastToken(), new ClientIp("192.0.2.1"))));

            assertEquals(new DeliveryReport(2, 0, 0), bot.gatehouse().deliverMemberUpdates().deliverDue(10));
            assertEquals(List.of("role 42 to 555", "nickname Magnus C."), discordCalls);
            assertEquals(GateDecision.KEEP_VERIFIED, bot.gatehouse().gate().decide(new GateCommand(new GuildId(SERVER), new DiscordUserId(MAGNUS), false)));
        }
    }

    @Test
    void aMemberWhoLeftCanNeverBeUpdatedAndAFailedCallFailsItsStageForTheOutboxToRetry() {
        Guild empty = Fake.of(Guild.class, Map.of("getMemberById", a -> null));
        Member flaky = Fake.of(Member.class, Map.of("modifyNickname", a -> Fake.of(AuditableRestAction.class,
                Map.of("submit", b -> CompletableFuture.failedFuture(new IllegalStateException("HTTP 503"))))));
        Guild guild = Fake.of(Guild.class, Map.of("getMemberById", a -> flaky));
        dev.gatehouse.core.model.MemberUpdate nickname = dev.gatehouse.core.model.MemberUpdate.of(new GuildId(SERVER),
                new DiscordUserId(MAGNUS), new dev.gatehouse.core.model.MemberChange.SetNickname("Magnus C."), "verified", java.time.Instant.now());

        assertInstanceOf(dev.gatehouse.core.port.out.MemberAccess.AccessOutcome.Impossible.class,
                JdaHostBot.apply(empty, nickname).toCompletableFuture().join());
        assertEquals("HTTP 503", JdaHostBot.apply(guild, nickname).toCompletableFuture().handle((ok, e) -> e.getCause().getMessage()).join());
    }
}
