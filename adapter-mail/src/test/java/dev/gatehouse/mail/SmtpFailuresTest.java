package dev.gatehouse.mail;

import static dev.gatehouse.mail.TestEmails.anEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the mailer ends when the relay is down, silent or says no: always a value, never an exception. */
class SmtpFailuresTest {
    private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();
    private static final int RETRIES = 2;

    @Test
    void aClosedPortIsUnavailableAfterTheRetries() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        MailOutcome outcome = mailer(closedPort).send(anEmail().build());

        MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
        assertTrue(unavailable.reason().contains("could not connect to " + LOOPBACK + ":" + closedPort), unavailable.reason());
        assertTrue(unavailable.reason().contains("after 3 attempts"), unavailable.reason());
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndIsUnavailable() throws Exception {
        try (ScriptedSmtpServer silent = ScriptedSmtpServer.silent()) {
            MailOutcome outcome = mailer(silent.port()).send(anEmail().build());

            MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
            assertTrue(unavailable.reason().contains("timed out"), unavailable.reason());
            assertEquals(1 + RETRIES, silent.connections(), "each attempt gave up on its own and the next one tried again");
        }
    }

    @Test
    void aRecipientRefusedWith550IsRejectedAtOnce() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(Map.of("RCPT", "550 5.1.1 <jane.doe@uni.example.edu>: no such user"))) {
            MailOutcome outcome = mailer(relay.port()).send(anEmail().build());

            MailOutcome.Rejected rejected = assertInstanceOf(MailOutcome.Rejected.class, outcome);
            assertTrue(rejected.reason().contains("refused the recipient"), rejected.reason());
            assertTrue(rejected.reason().contains("550 5.1.1"), rejected.reason());
            assertEquals(1, relay.connections(), "a permanent refusal is not retried");
        }
    }

    @Test
    void aRecipientDeferredWith451IsRetriedThenUnavailable() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(Map.of("RCPT", "451 4.3.0 try again later"))) {
            MailOutcome outcome = mailer(relay.port()).send(anEmail().build());

            MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
            assertTrue(unavailable.reason().contains("deferred the recipient"), unavailable.reason());
            assertEquals(1 + RETRIES, relay.connections());
        }
    }

    @Test
    void aMessageRefusedAfterDataIsRejected() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(Map.of("DATA", "554 5.7.1 message refused as spam"))) {
            MailOutcome outcome = mailer(relay.port()).send(anEmail().build());

            MailOutcome.Rejected rejected = assertInstanceOf(MailOutcome.Rejected.class, outcome);
            assertTrue(rejected.reason().contains("554 5.7.1"), rejected.reason());
            assertEquals(1, relay.connections());
        }
    }

    @Test
    void aSenderRefusedWith553IsRejected() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(Map.of("MAIL", "553 5.7.1 sender not allowed"))) {
            MailOutcome outcome = mailer(relay.port()).send(anEmail().build());

            MailOutcome.Rejected rejected = assertInstanceOf(MailOutcome.Rejected.class, outcome);
            assertTrue(rejected.reason().contains("refused the sender"), rejected.reason());
        }
    }

    @Test
    void anAuthenticationServerThatIsDownIsRetriedThenUnavailable() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(Map.of("AUTH", "454 4.7.0 Temporary authentication failure"))) {
            MailOutcome outcome = mailer(relay.port(), "gatehouse", "s3cret").send(anEmail().build());

            MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
            assertTrue(unavailable.reason().contains("deferred the login"), unavailable.reason());
            assertEquals(1 + RETRIES, relay.connections());
        }
    }

    @Test
    void aRelayThatIsBackAfterAHiccupDelivers() throws Exception {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.replying(Map.of())) {
            assertEquals(MailOutcome.sent(), mailer(relay.port()).send(anEmail().build()));
            assertEquals(1, relay.connections());
        }
    }

    private static SmtpVerificationMailer mailer(int port) {
        return new SmtpVerificationMailer(settings(port).build());
    }

    private static SmtpVerificationMailer mailer(int port, String username, String password) {
        return new SmtpVerificationMailer(settings(port).login(username, password).build());
    }

    private static SmtpSettings.Builder settings(int port) {
        return SmtpSettings.builder(LOOPBACK, new EmailAddress("no-reply@gatehouse.example.org"))
                .port(port)
                .security(SmtpSettings.Security.NONE)
                .timeouts(Duration.ofMillis(500))
                .retries(RETRIES, Duration.ofMillis(10));
    }
}
