package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** A row of {@code directory_users}, keyed by tenant and normalised user id. */
@MappedEntity("directory_users")
record DirectoryUserRow(@EmbeddedId Key id, String email, String displayName) {

    @Embeddable
    record Key(@MappedProperty("tenant_id") String tenantId, @MappedProperty("user_id") String userId) {
    }
}
