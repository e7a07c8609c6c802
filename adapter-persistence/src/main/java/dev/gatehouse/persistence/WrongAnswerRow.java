package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code wrong_answers}: one wrong answer as typed, with the normalised form it is grouped by. */
@MappedEntity("wrong_answers")
record WrongAnswerRow(
        @Id @GeneratedValue @Nullable Long answerId,
        String tenantId,
        long guildId,
        long memberId,
        String original,
        String normalised,
        Instant at) {
}
