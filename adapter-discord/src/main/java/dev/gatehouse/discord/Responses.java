package dev.gatehouse.discord;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;

/** How the bot answers interactions: ephemerally, with mentions off, logging (never throwing) when Discord fails. */
final class Responses {
    private static final System.Logger LOG = System.getLogger(Responses.class.getName());
    static final AllowedMentions NO_MENTIONS = new AllowedMentionsBuilder().build();

    private Responses() {
    }

    /** An immediate ephemeral answer, for refusals that need no core call. */
    static void replyNow(InteractionBase interaction, String text) {
        interaction.createImmediateResponder().setContent(text).setFlags(MessageFlag.EPHEMERAL).setAllowedMentions(NO_MENTIONS)
                .respond().exceptionally(e -> failed("answer", e));
    }

    /** Replaces the deferred reply's "thinking…" with {@code text}. */
    static CompletableFuture<?> edit(InteractionOriginalResponseUpdater updater, String text) {
        return updater.setContent(text).setAllowedMentions(NO_MENTIONS).update()
                .exceptionally(e -> failed("reply edit", e));
    }

    /** The core's answer, or {@code unavailable} if the core failed unexpectedly. */
    static <R> R guarded(Supplier<R> call, R unavailable) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the core failed", e);
            return unavailable;
        }
    }

    static <T> T failed(String what, Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "Discord call failed: " + what, e);
        return null;
    }
}
