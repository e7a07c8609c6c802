package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of the {@code member_updates} outbox; {@code due_at} is when it may be claimed (next). */
@MappedEntity("member_updates")
record MemberUpdateRow(
        @Id UUID updateId,
        long guildId,
        long memberId,
        String changeKind,
        @Nullable Long roleId,
        @Nullable String nickname,
        String reason,
        Instant createdAt,
        Instant dueAt,
        int attempts,
        @Nullable String lastError,
        @Nullable String noticeKind,
        @Nullable Instant noticeAt,
        @Nullable String noticeLanguage,
        @Nullable String noticeTimeZone) {
}
