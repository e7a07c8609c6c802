package dev.gatehouse.discord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;

/**
 * Answers an interaction with work that is usually quick but may not be: for answers that must be the first
 * callback (a modal, an update of the clicked message), which a deferral would rule out. Discord drops an
 * interaction not acknowledged within 3 s.
 */
final class Acknowledgement {
    private Acknowledgement() {
    }

    /**
     * Runs {@code call} on {@code work}. If it finishes within {@code budget}, {@code inTime} gets the result and
     * gives the interaction its first answer. Otherwise the interaction is deferred (ephemeral "thinking…") when the
     * budget runs out, and {@code late} gets that reply to edit once the result is there. Exactly one of the two
     * runs. If {@code work} refuses the task, {@code call} isn't run and {@code fallback} is the result.
     */
    static <R> void race(InteractionBase interaction, Executor work, Duration budget, Supplier<R> call, R fallback,
                         Consumer<R> inTime, BiConsumer<InteractionOriginalResponseUpdater, R> late) {
        AtomicBoolean acknowledged = new AtomicBoolean();
        CompletableFuture<InteractionOriginalResponseUpdater> deferred = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(budget.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (acknowledged.compareAndSet(false, true)) {
                interaction.respondLater(true).whenComplete((updater, e) -> {
                    if (e != null) {
                        deferred.completeExceptionally(e);
                    } else {
                        deferred.complete(updater);
                    }
                });
            }
        });
        CompletableFuture<R> outcome;
        try {
            outcome = CompletableFuture.supplyAsync(call, work);
        } catch (RejectedExecutionException e) {
            outcome = CompletableFuture.completedFuture(fallback);
        }
        outcome.thenAccept(result -> {
            if (acknowledged.compareAndSet(false, true)) {
                inTime.accept(result);
            } else {
                deferred.thenAccept(updater -> late.accept(updater, result))
                        .exceptionally(e -> Responses.failed("deferral of a slow answer", e));
            }
        }).exceptionally(e -> Responses.failed("answering an interaction", e));
    }
}
