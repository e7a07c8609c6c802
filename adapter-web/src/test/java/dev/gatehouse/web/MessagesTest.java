package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The message bundle: every text formats as written. */
class MessagesTest {
    private final Messages messages = new Messages();

    @Test
    void noMessageUsesAStraightQuoteThatMessageFormatWouldSwallow() {
        for (String key : messages.keys()) {
            if (!key.startsWith("format.")) {
                assertFalse(messages.raw(key).contains("'"), key + " has a ' (use ’): MessageFormat would drop it");
            }
        }
    }

    @Test
    void everyMessageFormatsWithoutLeftoverPlaceholders() {
        for (String key : messages.keys()) {
            if (!key.startsWith("format.")) {
                String text = messages.get(key, "a", "b", "c");
                assertFalse(text.contains("{") || text.contains("}"), key + " -> " + text);
            }
        }
    }

    @Test
    void timesAreShownInUtc() {
        assertEquals("2 March 2026, 09:15 UTC", messages.time(Instant.parse("2026-03-02T09:15:30Z")));
    }
}
