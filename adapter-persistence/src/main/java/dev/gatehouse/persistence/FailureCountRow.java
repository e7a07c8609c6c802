package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** Recent failures of a key: how many, and the latest. */
@Introspected
record FailureCountRow(long failures, @Nullable Instant latest) {
}
