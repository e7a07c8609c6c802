package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Texts several commands share. */
class CommonRepliesTest {
    @Test
    void durationsReadNaturally() {
        assertEquals("1 minute", CommonReplies.inWords(Duration.ZERO));
        assertEquals("15 minutes", CommonReplies.inWords(Duration.ofMinutes(15)));
        assertEquals("119 minutes", CommonReplies.inWords(Duration.ofMinutes(119)));
        assertEquals("2 hours", CommonReplies.inWords(Duration.ofMinutes(120)));
        assertEquals("3 hours", CommonReplies.inWords(Duration.ofMinutes(121)));
    }
}
