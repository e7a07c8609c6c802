package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.JANE;
import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static dev.gatehouse.discord.ReplyFixtures.MEMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.port.in.AdministerGuild;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What admins read after /gatehouse whois. */
class WhoisSubcommandTest {
    @Test
    void directoryTextCannotFormatTheMessage() {
        String reply = WhoisSubcommand.reply(new AdministerGuild.LinkedTo(LINK, Optional.of(JANE)), MEMBER);
        assertTrue(reply.contains("Jane \\*Doe\\*"), reply);
        assertTrue(reply.contains("<@42>"), reply);
        assertEquals("a\\_b \\`c\\` \\> d", Markdown.escape("a_b `c` > d"));
        assertTrue(!reply.contains("holds until"), "a verification that holds forever shows no end");
    }

    @Test
    void aVerificationWithALifetimeShowsUntilWhenItHolds() {
        java.time.Instant until = java.time.Instant.parse("2027-07-01T00:00:00Z");
        String reply = WhoisSubcommand.reply(new AdministerGuild.LinkedTo(LINK, Optional.of(JANE), Optional.of(until)), MEMBER);
        assertTrue(reply.contains("holds until <t:" + until.getEpochSecond()), reply);
    }
}
