package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Duration;

/**
 * A row of {@code tenants}; rate rules as text such as {@code 3/PT1H,10/PT24H}. The question's prompt and answers
 * are both null when there is none; the answers keep their order. The hand-off secret is {@code handoffSecretSealed}
 * (AES-GCM, see {@link SecretKeyRing}) with the id of its key; {@code handoffSecret} is the plaintext of rows from
 * before V4, emptied when they are encrypted at start.
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
        @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] questionAnswers,
        @Nullable String handoffSecretKeyId,
        @Nullable byte[] handoffSecretSealed,
        @TypeDef(type = DataType.OBJECT, converter = IntervalConverter.class) Duration retention,
        String defaultLanguage,
        String timeZone,
        String verificationLifetime,
        @TypeDef(type = DataType.OBJECT, converter = IntervalConverter.class) Duration reminderBefore) {
}
