package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** How many member updates are queued and since when. */
@Introspected
record OutboxDepthRow(long pending, @Nullable Instant oldest) {
}
