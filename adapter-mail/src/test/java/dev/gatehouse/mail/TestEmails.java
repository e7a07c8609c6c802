package dev.gatehouse.mail;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.VerificationEmail;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/** A verification email as the core would hand it over, with one field changed at a time. */
final class TestEmails {
    static final String RECIPIENT = "jane.doe@uni.example.edu";
    static final URI CONFIRM = URI.create("https://gatehouse.example.org/verify/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXU");
    static final URI DENY = URI.create("https://gatehouse.example.org/deny/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXU");
    static final Instant EXPIRES_AT = Instant.parse("2026-11-21T18:52:30Z");

    private String to = RECIPIENT;
    private String recipientName = "Jane Doe";
    private String tenant = "cs101";
    private String tenantName = "CS 101";
    private long requesterId = 80351110224678912L;
    private String username = "alice";
    private String guildName = "CS 101 Lounge";
    private Locale language = Locale.ENGLISH;
    private ZoneId timeZone = ZoneId.of("UTC");

    static TestEmails anEmail() {
        return new TestEmails();
    }

    TestEmails to(String to) {
        this.to = to;
        return this;
    }

    TestEmails recipientName(String recipientName) {
        this.recipientName = recipientName;
        return this;
    }

    TestEmails tenant(String tenant) {
        this.tenant = tenant;
        return this;
    }

    TestEmails tenantName(String tenantName) {
        this.tenantName = tenantName;
        return this;
    }

    TestEmails username(String username) {
        this.username = username;
        return this;
    }

    TestEmails guildName(String guildName) {
        this.guildName = guildName;
        return this;
    }

    TestEmails language(Locale language) {
        this.language = language;
        return this;
    }

    TestEmails timeZone(ZoneId timeZone) {
        this.timeZone = timeZone;
        return this;
    }

    VerificationEmail build() {
        return new VerificationEmail(new EmailAddress(to), new DisplayName(recipientName), new TenantId(tenant), tenantName,
                new DiscordAccount(new DiscordUserId(requesterId), username), guildName, CONFIRM, DENY, EXPIRES_AT,
                Duration.ofMinutes(15), language, timeZone);
    }
}
