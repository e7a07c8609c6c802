package dev.gatehouse.mail;

import static dev.gatehouse.mail.TestEmails.anEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A relay that stalls: trickling bytes can't hold a send past its deadline, and a message the relay may already
 * have is not sent twice, unless the relay said 4xx.
 */
class SlowRelayTest {
    private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();
    /** Far below the minute the trickling relay would go on for; a fault bound, not a speed figure. */
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @Test
    void aRelayThatTricklesAByteAtATimeIsCutOffAtTheDeadline() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.trickling(Duration.ofSeconds(1))) {
            SmtpVerificationMailer mailer = new SmtpVerificationMailer(settings(relay.port())
                    .timeouts(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(2)).build());

            long started = System.nanoTime();
            MailOutcome outcome = mailer.send(anEmail().build());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
            assertTrue(unavailable.reason().contains("2000 ms deadline"), unavailable.reason());
            assertTrue(took.compareTo(GENEROUS) < 0, "the send took " + took);
            assertEquals(1, relay.connections(), "no retry once the deadline has passed");
            System.out.println("trickling relay: send gave up after " + took.toMillis() + " ms (deadline 2000 ms)");
        }
    }

    @Test
    void aTimeoutAfterTheRelayAcceptedTheDataIsNotResent() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.silentAfterData()) {
            MailOutcome outcome = new SmtpVerificationMailer(settings(relay.port()).build()).send(anEmail().build());

            MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
            assertTrue(unavailable.reason().contains("not resent"), unavailable.reason());
            assertEquals(1, relay.dataCommands(), "the relay may have the message: sending it again would mean two emails");
        }
    }

    @Test
    void aTemporaryFailureAfterTheDataIsResent() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(Map.of("DATA", "451 4.3.0 queue full, try later"))) {
            MailOutcome outcome = new SmtpVerificationMailer(settings(relay.port()).build()).send(anEmail().build());

            MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
            assertTrue(unavailable.reason().contains("451 4.3.0"), unavailable.reason());
            assertEquals(3, relay.dataCommands(), "a 4xx answer says the relay does not have it: the first try and two retries");
        }
    }

    @Test
    void aRelayThatTimesOutBeforeTheDataIsRetriedWithinTheDeadline() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.silent()) {
            MailOutcome outcome = new SmtpVerificationMailer(settings(relay.port()).deadline(Duration.ofMillis(800)).build())
                    .send(anEmail().build());

            MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
            assertTrue(relay.connections() < 3, "500 ms reads, 800 ms deadline: no time for a third try, got " + relay.connections());
            assertTrue(unavailable.reason().contains("deadline"), unavailable.reason());
        }
    }

    private static SmtpSettings.Builder settings(int port) {
        return SmtpSettings.builder(LOOPBACK, new EmailAddress("no-reply@gatehouse.example.org"))
                .port(port)
                .security(SmtpSettings.Security.NONE)
                .timeouts(Duration.ofMillis(500))
                .retries(2, Duration.ofMillis(10));
    }
}
