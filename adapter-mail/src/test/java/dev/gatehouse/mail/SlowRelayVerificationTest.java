package dev.gatehouse.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MailQueue;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.out.Stores;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core and the SMTP mailer together against a relay that accepts and trickles a byte a second: the member is
 * told within the deadline and the link is withdrawn, while another member's email goes out through the same
 * mailer once the relay is healthy again (GreenMail behind it).
 */
class SlowRelayVerificationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** A fault bound: the trickling relay would hold a send for a minute without the deadline. */
    private static final long GENEROUS_SECONDS = 20;
    private static final TenantId CS101 = new TenantId("cs101");
    private static final GuildId LECTURES = new GuildId(1_000_000_001L);
    private static final DiscordAccount ALICE = new DiscordAccount(new DiscordUserId(9001), "alice");
    private static final DiscordAccount BOB = new DiscordAccount(new DiscordUserId(9002), "bob");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void aTricklingRelayFailsOneMemberWithinTheDeadlineAndTheNextMembersEmailStillGoes() throws Exception {
        Stores stores = InMemoryStores.create();
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.tricklingThenForwarding(Duration.ofSeconds(1), 1,
                greenMail.getSmtp().getPort());
             Gatehouse gatehouse = gatehouse(relay.port(), stores)) {
            long started = System.nanoTime();
            LinkSent stuck = assertInstanceOf(LinkSent.class, request(gatehouse, ALICE, "jdoe42"));
            awaitConnections(relay, 1);
            LinkSent meanwhile = assertInstanceOf(LinkSent.class, request(gatehouse, BOB, "bsmith"));

            assertEquals(MailDelivery.SENT, meanwhile.delivery().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS),
                    "the second sender is not held up by the first");
            assertEquals(MailDelivery.FAILED, stuck.delivery().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS));
            Duration told = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(0, stores.sessions().countOpen(CS101, ALICE.id(), Instant.now()), "the link was withdrawn");
            assertEquals(1, stores.sessions().countOpen(CS101, BOB.id(), Instant.now()));
            System.out.println("trickling relay: member told after " + told.toMillis() + " ms (deadline " + DEADLINE.toMillis() + " ms)");

            LinkSent retried = assertInstanceOf(LinkSent.class, request(gatehouse, ALICE, "jdoe42"));
            assertEquals(MailDelivery.SENT, retried.delivery().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS));

            MimeMessage[] received = greenMail.getReceivedMessages();
            assertEquals(2, received.length);
            assertEquals("bob.smith@uni.example.edu", ((InternetAddress) received[0].getAllRecipients()[0]).getAddress());
            assertEquals("jane.doe@uni.example.edu", ((InternetAddress) received[1].getAllRecipients()[0]).getAddress());
            assertFalse(relay.connections() > 3, "one trickled connection and one per email since");
            assertTrue(told.getSeconds() < GENEROUS_SECONDS);
        }
    }

    /** Alice's sender must meet the trickling connection, not Bob's. */
    private static void awaitConnections(ScriptedSmtpServer relay, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        while (relay.connections() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(n, relay.connections());
    }

    private static Gatehouse gatehouse(int relayPort, Stores stores) {
        SmtpSettings smtp = SmtpSettings.builder(InetAddress.getLoopbackAddress().getHostAddress(),
                        new EmailAddress("no-reply@gatehouse.example.org"))
                .port(relayPort)
                .security(SmtpSettings.Security.NONE)
                .timeouts(Duration.ofSeconds(5))
                .deadline(DEADLINE)
                .build();
        Gatehouse gatehouse = Gatehouse.builder()
                .stores(stores)
                .publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailer(new SmtpVerificationMailer(smtp))
                .mailQueue(new MailQueue(2, 10, DEADLINE))
                .build();
        stores.tenants().save(TenantSettings.defaults(CS101, "CS 101"));
        gatehouse.administration().bind(new BindCommand(LECTURES, CS101, Authority.OPERATOR));
        gatehouse.administration().configure(ConfigureCommand.of(LECTURES, new GuildSettingChange.VerifiedRole(new RoleId(501))));
        stores.directory().save(new DirectoryUser(CS101, new DirectoryUserId("jdoe42"),
                new EmailAddress("jane.doe@uni.example.edu"), new DisplayName("Jane Doe")));
        stores.directory().save(new DirectoryUser(CS101, new DirectoryUserId("bsmith"),
                new EmailAddress("bob.smith@uni.example.edu"), new DisplayName("Bob Smith")));
        return gatehouse;
    }

    private static Object request(Gatehouse gatehouse, DiscordAccount who, String userId) {
        return gatehouse.requestVerification().request(new RequestCommand(LECTURES, "CS 101 Lectures", who, userId));
    }
}
