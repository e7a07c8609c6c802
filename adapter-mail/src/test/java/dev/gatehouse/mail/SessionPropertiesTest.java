package dev.gatehouse.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.mail.SmtpSettings.Security;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings become Jakarta Mail session properties: every wait bounded, TLS checked unless told otherwise. */
class SessionPropertiesTest {
    private static SmtpSettings.Builder relay() {
        return SmtpSettings.builder("smtp.example.org", new EmailAddress("no-reply@gatehouse.example.org"));
    }

    @Test
    void timeoutsAndTlsReachJakartaMail() {
        Properties strict = SmtpVerificationMailer.sessionProperties(relay().connectTimeout(Duration.ofSeconds(3)).build());
        assertEquals("3000", strict.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("10000", strict.getProperty("mail.smtp.timeout"));
        assertEquals("10000", strict.getProperty("mail.smtp.writetimeout"));
        assertEquals("true", strict.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", strict.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertNull(strict.getProperty("mail.smtp.ssl.trust"));
        assertEquals("false", strict.getProperty("mail.debug"), "debug output would print the message, links included");

        Properties trusting = SmtpVerificationMailer.sessionProperties(relay().security(Security.SMTPS).trustHostCertificate(true).build());
        assertEquals("true", trusting.getProperty("mail.smtp.ssl.enable"));
        assertEquals("smtp.example.org", trusting.getProperty("mail.smtp.ssl.trust"));
    }
}
