package dev.gatehouse.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerificationMessagesTest {

    @Test
    void theLifetimeIsWrittenInWords() {
        assertEquals("15 minutes", VerificationMessages.describe(Duration.ofMinutes(15)));
        assertEquals("1 minute", VerificationMessages.describe(Duration.ofSeconds(90)));
        assertEquals("45 seconds", VerificationMessages.describe(Duration.ofSeconds(45)));
        assertEquals("1 hour 30 minutes", VerificationMessages.describe(Duration.ofMinutes(90)));
        assertEquals("1 day", VerificationMessages.describe(Duration.ofDays(1)));
    }
}
