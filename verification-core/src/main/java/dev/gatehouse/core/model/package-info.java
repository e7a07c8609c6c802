/**
 * The domain's values: records that validate themselves in their constructors ({@code TenantId}, {@code GuildId},
 * {@code EmailAddress}, {@code VerificationToken}…), settings of tenants and servers, and the member updates the
 * outbox delivers. A value that exists is valid; a raw token prints as {@code [redacted]}.
 */
package dev.gatehouse.core.model;
