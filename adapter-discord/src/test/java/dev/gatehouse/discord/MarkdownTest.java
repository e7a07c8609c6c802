package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Untrusted text can neither format a message nor look like a mention. */
class MarkdownTest {
    @Test
    void memberTypedTextCanNeitherFormatNorLookLikeAMention() {
        String shown = Markdown.untrusted("@here [click](https://evil.example) <@&123456789012345678> # big");
        assertFalse(shown.contains("@here") || shown.contains("[click]("), shown);
        assertTrue(shown.contains("@\u200Bhere") && shown.contains("\\[click\\]\\(") && shown.contains("\\<@\u200B&123456789012345678")
                && shown.contains("\\# big"), shown);
    }
}
