package dev.gatehouse.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.mail.SmtpSettings.Security;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    private static final EmailAddress FROM = new EmailAddress("no-reply@gatehouse.example.org");

    private static SmtpSettings.Builder relay() {
        return SmtpSettings.builder("smtp.example.org", FROM);
    }

    @Test
    void defaultsAreSafeAndBounded() {
        SmtpSettings settings = relay().build();

        assertEquals(Security.STARTTLS_REQUIRED, settings.security());
        assertEquals(587, settings.port());
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.readTimeout());
        assertEquals(Duration.ofSeconds(10), settings.writeTimeout());
        assertEquals(2, settings.retries());
        assertFalse(settings.trustHostCertificate());
        assertEquals("Gatehouse", settings.fromName());
    }

    @Test
    void thePortDefaultsToTheUsualOneForTheSecurity() {
        assertEquals(25, relay().security(Security.NONE).build().port());
        assertEquals(465, relay().security(Security.SMTPS).build().port());
        assertEquals(2525, relay().security(Security.NONE).port(2525).build().port());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        String printed = relay().login("gatehouse", "hunter2-very-secret").build().toString();

        assertFalse(printed.contains("hunter2"), printed);
        assertTrue(printed.contains("password=[redacted]"), printed);
        assertTrue(printed.contains("username=gatehouse"), printed);
    }

    @Test
    void aUsernameNeedsAPassword() {
        assertThrows(IllegalArgumentException.class, () -> relay().login("gatehouse", "").build());
        assertThrows(IllegalArgumentException.class, () -> relay().login(null, "secret").build());
    }

    @Test
    void aPasswordIsNotSentInTheClearToAnotherHost() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> relay().security(Security.NONE).login("gatehouse", "secret").build());

        assertTrue(refused.getMessage().contains("clear text"), refused.getMessage());
        SmtpSettings.builder("localhost", FROM).security(Security.NONE).login("gatehouse", "secret").build();
    }

    @Test
    void timeoutsMustBePositiveAndBounded() {
        assertThrows(IllegalArgumentException.class, () -> relay().connectTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> relay().readTimeout(Duration.ofSeconds(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> relay().writeTimeout(Duration.ofHours(1)).build());
        assertThrows(NullPointerException.class, () -> relay().readTimeout(null).build());
    }

    @Test
    void retriesAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> relay().retries(-1, Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> relay().retries(11, Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> relay().retries(2, Duration.ofMinutes(5)).build());
    }

    @Test
    void hostPortAndSenderNameAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SmtpSettings.builder(" ", FROM).build());
        assertThrows(IllegalArgumentException.class, () -> SmtpSettings.builder("smtp.example.org\r\nX: y", FROM).build());
        assertThrows(IllegalArgumentException.class, () -> relay().port(0).build());
        assertThrows(IllegalArgumentException.class, () -> relay().port(65_536).build());
        assertThrows(IllegalArgumentException.class, () -> relay().fromName("Gate\r\nBcc: x@example.org").build());
    }
}
