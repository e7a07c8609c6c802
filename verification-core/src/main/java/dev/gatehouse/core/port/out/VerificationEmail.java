package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.TenantId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a verification email says: to whom, which Discord account asked in which server, the confirm
 * and deny links, when they expire, and the language and time zone to write it in. Its {@link #toString()} hides the links, which carry the token.
 *
 * @param to the mailbox the links go to
 * @param recipientName the directory user's name, to greet them
 * @param tenant the tenant the links belong to
 * @param tenantName the tenant's display name
 * @param requester the Discord account that asked
 * @param guildName the server the request came from
 * @param confirmLink the link that confirms and links the account
 * @param denyLink the link that says "this was not me"
 * @param expiresAt when both links stop working
 * @param lifetime how long the links were valid when sent
 * @param language the language to write in
 * @param timeZone the time zone for {@code expiresAt}
 */
public record VerificationEmail(
        EmailAddress to,
        DisplayName recipientName,
        TenantId tenant,
        String tenantName,
        DiscordAccount requester,
        String guildName,
        URI confirmLink,
        URI denyLink,
        Instant expiresAt,
        Duration lifetime,
        Locale language,
        ZoneId timeZone) {

    public VerificationEmail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(recipientName, "recipientName");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(guildName, "guildName");
        Objects.requireNonNull(confirmLink, "confirmLink");
        Objects.requireNonNull(denyLink, "denyLink");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /**
     * An email in English with times in UTC.
     *
     * @param to the mailbox the links go to
     * @param recipientName the directory user's name
     * @param tenant the tenant the links belong to
     * @param tenantName the tenant's display name
     * @param requester the Discord account that asked
     * @param guildName the server the request came from
     * @param confirmLink the link that confirms
     * @param denyLink the link that denies
     * @param expiresAt when both links stop working
     * @param lifetime how long the links were valid when sent
     */
    public VerificationEmail(EmailAddress to, DisplayName recipientName, TenantId tenant, String tenantName, DiscordAccount requester,
                             String guildName, URI confirmLink, URI denyLink, Instant expiresAt, Duration lifetime) {
        this(to, recipientName, tenant, tenantName, requester, guildName, confirmLink, denyLink, expiresAt, lifetime, Locale.ENGLISH,
                ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "VerificationEmail[to=" + to + ", tenant=" + tenant + ", requester=" + requester.username()
                + " (" + requester.id() + "), guild=" + guildName + ", links=[redacted], expiresAt=" + expiresAt + "]";
    }
}
