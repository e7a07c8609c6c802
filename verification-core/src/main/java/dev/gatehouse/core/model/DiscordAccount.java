package dev.gatehouse.core.model;

import java.util.Objects;

/** A Discord account as the requester saw it: id plus the username shown on the confirm page and in the email. */
public record DiscordAccount(DiscordUserId id, String username) {
    public DiscordAccount {
        Objects.requireNonNull(id, "id");
        Texts.requireText("Discord username", username, 100);
    }
}
