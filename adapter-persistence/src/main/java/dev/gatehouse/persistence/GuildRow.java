package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/**
 * A row of {@code guilds}; {@code version} grows on every save. No {@code kickAfter}: never kick. No question
 * prompt (and no answers): the tenant's question applies. No
 * {@code removeUnverifiedAfterSeconds}: unverified members are never removed.
 */
@MappedEntity("guilds")
record GuildRow(
        @Id long guildId,
        String tenantId,
        @Nullable Long verifiedRoleId,
        boolean gateMessages,
        boolean setNickname,
        boolean dmOnJoin,
        @Nullable Long logChannelId,
        boolean enabled,
        boolean verifyOnJoin,
        @Nullable Integer kickAfter,
        @Nullable String questionPrompt,
        @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] questionAnswers,
        String groupRoles,
        @Nullable Long removeUnverifiedAfterSeconds,
        long version) {
}
