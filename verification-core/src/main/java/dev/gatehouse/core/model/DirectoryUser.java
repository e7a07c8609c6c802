package dev.gatehouse.core.model;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A person in an organisation's directory: id, mailbox, real name and the groups (affiliations) they belong to. */
public record DirectoryUser(TenantId tenant, DirectoryUserId id, EmailAddress email, DisplayName name, Set<GroupName> groups) {
    public DirectoryUser {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
    }

    /** A person in no group. */
    public DirectoryUser(TenantId tenant, DirectoryUserId id, EmailAddress email, DisplayName name) {
        this(tenant, id, email, name, Set.of());
    }
}
