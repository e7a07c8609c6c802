package dev.gatehouse.core.model;

import java.util.Objects;

/**
 * A Discord account as the requester saw it: id plus the username shown on the confirm page and in the email.
 *
 * @param id the account's id
 * @param username the username Discord showed
 */
public record DiscordAccount(DiscordUserId id, String username) {
    /**
     * Checks the values.
     *
     * @param id the account's id
     * @param username the username Discord showed
     */
    public DiscordAccount {
        Objects.requireNonNull(id, "id");
        Texts.requireText("Discord username", username, 100);
    }
}
