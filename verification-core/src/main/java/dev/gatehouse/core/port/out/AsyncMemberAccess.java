package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link MemberAccess} for chat libraries that answer with futures (JDA's {@code RestAction.submit()}, Javacord's
 * {@code CompletableFuture}s, Discord4J's {@code Mono.toFuture()}): starts applying a member update and returns at
 * once. The outbox treats it exactly as the synchronous port: the same {@link AccessOutcome}s, the same retries with
 * backoff, the platform's Retry-After honoured; a stage completed exceptionally (or a call that throws) counts as
 * {@link AccessOutcome.Failed}. A stage still open when the delivery pass must end (half of its 10 s claim) is left
 * to come due again once the claim runs out, so it may be applied twice: like every {@link MemberAccess} this must
 * be idempotent. Thread-safe; {@link #apply} must not block.
 */
@FunctionalInterface
public interface AsyncMemberAccess {

    /**
     * Starts applying the update.
     *
     * @param update the role or nickname change to make
     * @return completes with how it ended, on any thread
     */
    CompletionStage<AccessOutcome> apply(MemberUpdate update);

    /**
     * The synchronous port seen as an asynchronous one: each call runs on the calling thread and returns a completed
     * stage (a thrown exception becomes a failed stage).
     *
     * @param access the synchronous member access
     * @return the same access, answering with completed stages
     */
    static AsyncMemberAccess completing(MemberAccess access) {
        Objects.requireNonNull(access, "access");
        return update -> {
            try {
                return CompletableFuture.completedFuture(access.apply(update));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
