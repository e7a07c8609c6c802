package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** One group of a tenant's wrong answers, as {@link WrongAnswerRepository#top} computes it. */
@Introspected
record WrongAnswerGroupRow(
        String normalised,
        long attempts,
        long distinctMembers,
        @TypeDef(type = DataType.STRING_ARRAY) String[] spellings,
        Instant firstSeen,
        Instant lastSeen) {
}
