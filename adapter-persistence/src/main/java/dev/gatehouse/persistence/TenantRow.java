package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Duration;

/** A row of {@code tenants}; rate rules as text such as {@code 3/PT1H,10/PT24H}. */
@MappedEntity("tenants")
record TenantRow(
        @Id String tenantId,
        String displayName,
        @TypeDef(type = DataType.OBJECT, converter = IntervalConverter.class) Duration sessionLifetime,
        String unknownUserReply,
        String relinkPolicy,
        String guildBinding,
        String perDiscordUser,
        String perDirectoryUser,
        String perTenant,
        @TypeDef(type = DataType.OBJECT, converter = IntervalConverter.class) Duration denialBlock) {
}
