package dev.gatehouse.discord.fake;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * An interaction the fake pushed to the client (a slash command, a button click or a modal submit), where it
 * came from ({@code guildId} is empty for a DM), with shortcuts to wait for the client's answers: the initial
 * callback (or the modal it opened) and the edits of the original reply.
 */
public record FakeInteraction(FakeDiscord discord, long id, String token, OptionalLong guildId, long channelId, long userId) {

    /** The client's answer to the interaction ({@code POST /interactions/{id}/{token}/callback}). */
    public RecordedCall awaitCallback(Duration timeout) {
        return discord.awaitRequest("POST", "/interactions/" + Long.toUnsignedString(id) + "/" + token + "/callback", timeout);
    }

    /**
     * The modal the client opened as its answer (a callback of type 9, {@code MODAL}); fails if the client
     * answered any other way or Discord refused the modal.
     */
    public FakeModal awaitModal(Duration timeout) {
        RecordedCall callback = awaitCallback(timeout);
        if (callback.json().path("type").asInt() != 9) {
            throw new AssertionError("expected a modal (callback type 9), got " + callback);
        }
        if (callback.status() >= 300) {
            throw new AssertionError("the fake Discord refused the modal: " + callback);
        }
        return FakeModal.of(this, callback.json().path("data"));
    }

    /** The next edit of the original reply ({@code PATCH /webhooks/{app}/{token}/messages/@original}). */
    public RecordedCall awaitOriginalEdit(Duration timeout) {
        return discord.awaitRequest("PATCH", "/webhooks/\\d+/" + token + "/messages/@original", timeout);
    }

    /** The next follow-up message ({@code POST /webhooks/{app}/{token}}). */
    public RecordedCall awaitFollowup(Duration timeout) {
        return discord.awaitRequest("POST", "/webhooks/\\d+/" + token, timeout);
    }

    /** True if the interaction came from a DM (no server). */
    public boolean inDm() {
        return guildId.isEmpty();
    }

    @Override
    public String toString() {
        return "FakeInteraction[" + Long.toUnsignedString(id) + (inDm() ? ", DM" : "") + "]";
    }
}
