package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Duration;

/**
 * A row of {@code tenants}; rate rules as text such as {@code 3/PT1H,10/PT24H}. The question's prompt and answers
 * are both null when there is none; the answers keep their order.
 */
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
        @TypeDef(type = DataType.OBJECT, converter = IntervalConverter.class) Duration denialBlock,
        String method,
        @Nullable String handoffSiteUrl,
        @Nullable String handoffSecret,
        @TypeDef(type = DataType.OBJECT, converter = IntervalConverter.class) Duration handoffLifetime,
        @Nullable String questionPrompt,
        @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] questionAnswers) {
}
