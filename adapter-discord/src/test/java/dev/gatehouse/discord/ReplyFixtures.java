package dev.gatehouse.discord;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import java.time.Instant;

/** Values the reply tests share: a tenant, a member linked by email, and a directory user whose name has markdown. */
final class ReplyFixtures {
    static final TenantId TENANT = new TenantId("cs101");
    static final DiscordUserId MEMBER = new DiscordUserId(42);
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    static final Link LINK = new Link(TENANT, MEMBER, new DirectoryUserId("jdoe"), NOW, LinkOrigin.EMAIL);
    static final DirectoryUser JANE = new DirectoryUser(TENANT, new DirectoryUserId("jdoe"),
            new EmailAddress("jane@uni.edu"), new DisplayName("Jane *Doe*"));

    private ReplyFixtures() {
    }
}
