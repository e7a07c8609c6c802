package dev.gatehouse.discord.fake;

import java.time.Duration;

/**
 * An interaction the fake pushed to the client (a slash command or a button click), with shortcuts to wait
 * for the client's answers: the initial callback and the edits of the original reply.
 */
public record FakeInteraction(FakeDiscord discord, long id, String token) {

    /** The client's answer to the interaction ({@code POST /interactions/{id}/{token}/callback}). */
    public RecordedCall awaitCallback(Duration timeout) {
        return discord.awaitRequest("POST", "/interactions/" + Long.toUnsignedString(id) + "/" + token + "/callback", timeout);
    }

    /** The next edit of the original reply ({@code PATCH /webhooks/{app}/{token}/messages/@original}). */
    public RecordedCall awaitOriginalEdit(Duration timeout) {
        return discord.awaitRequest("PATCH", "/webhooks/\\d+/" + token + "/messages/@original", timeout);
    }

    /** The next follow-up message ({@code POST /webhooks/{app}/{token}}). */
    public RecordedCall awaitFollowup(Duration timeout) {
        return discord.awaitRequest("POST", "/webhooks/\\d+/" + token, timeout);
    }

    @Override
    public String toString() {
        return "FakeInteraction[" + Long.toUnsignedString(id) + "]";
    }
}
