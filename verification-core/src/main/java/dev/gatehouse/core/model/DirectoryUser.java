package dev.gatehouse.core.model;

import java.util.Objects;

/** A person in an organisation's directory: id, mailbox and real name. */
public record DirectoryUser(TenantId tenant, DirectoryUserId id, EmailAddress email, DisplayName name) {
    public DirectoryUser {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
    }
}
