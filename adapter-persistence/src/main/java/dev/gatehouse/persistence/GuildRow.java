package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code guilds}; {@code version} grows on every save. */
@MappedEntity("guilds")
record GuildRow(
        @Id long guildId,
        String tenantId,
        @Nullable Long verifiedRoleId,
        boolean gateMessages,
        boolean setNickname,
        boolean dmOnJoin,
        @Nullable Long logChannelId,
        long version) {
}
