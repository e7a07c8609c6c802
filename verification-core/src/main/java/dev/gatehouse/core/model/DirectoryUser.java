package dev.gatehouse.core.model;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person in an organisation's directory: id, mailbox, real name and the groups (affiliations) they belong to.
 *
 * @param tenant the organisation whose directory lists the person
 * @param id the person's user id, unique in the tenant
 * @param email the mailbox verification links go to
 * @param name the real name, used as the member's nickname
 * @param groups the groups the person belongs to, sorted; empty for none
 */
public record DirectoryUser(TenantId tenant, DirectoryUserId id, EmailAddress email, DisplayName name, Set<GroupName> groups) {
    public DirectoryUser {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
    }

    /**
     * A person in no group.
     *
     * @param tenant the organisation whose directory lists the person
     * @param id the person's user id
     * @param email the mailbox verification links go to
     * @param name the real name
     */
    public DirectoryUser(TenantId tenant, DirectoryUserId id, EmailAddress email, DisplayName name) {
        this(tenant, id, email, name, Set.of());
    }
}
