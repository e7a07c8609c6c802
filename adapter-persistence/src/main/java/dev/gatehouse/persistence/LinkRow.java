package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code links}: one per (tenant, Discord user), and one per (tenant, directory user) by a unique constraint. */
@MappedEntity("links")
record LinkRow(@EmbeddedId Key id, String directoryUserId, Instant linkedAt, String origin, @Nullable String language,
                long version) {

    @Embeddable
    record Key(@MappedProperty("tenant_id") String tenantId, @MappedProperty("discord_user_id") long discordUserId) {
    }
}
