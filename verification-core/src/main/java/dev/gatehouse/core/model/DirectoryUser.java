package dev.gatehouse.core.model;

import java.util.Objects;

/**
 * A person in an organisation's directory: id, mailbox and real name.
 *
 * @param tenant the tenant whose directory holds the user
 * @param id the organisation's id for the user, unique in the tenant
 * @param email where verification links go
 * @param name the user's real name
 */
public record DirectoryUser(TenantId tenant, DirectoryUserId id, EmailAddress email, DisplayName name) {
    public DirectoryUser {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
    }
}
