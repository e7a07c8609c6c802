package dev.gatehouse.core.model;

import java.util.Objects;

/**
 * One row read from a directory file, with the line (1-based; 0 for the file as a whole) it came from: a
 * directory user, a Discord account the file says is already linked to a user (the tutorial bot's
 * {@code database.json}), or a row the reader could not turn into either, with the reason.
 */
public sealed interface DirectoryRow {

    /**
     * Where the row came from.
     *
     * @return its line in the file, from 1; 0 for the file as a whole
     */
    long line();

    /**
     * A directory user as the file has it.
     *
     * @param line its line in the file
     * @param id the user's id
     * @param email the user's mailbox
     * @param name the user's real name
     */
    record User(long line, DirectoryUserId id, EmailAddress email, DisplayName name) implements DirectoryRow {
        public User {
            requireLine(line);
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A Discord account already linked to a user, in the file or already in the directory.
     *
     * @param line its line in the file
     * @param discordUser the Discord account
     * @param user the id of the user it is linked to
     */
    record Link(long line, DiscordUserId discordUser, DirectoryUserId user) implements DirectoryRow {
        public Link {
            requireLine(line);
            Objects.requireNonNull(discordUser, "discordUser");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * A row that breaks the file's format or holds a value the directory refuses.
     *
     * @param line its line in the file, 0 for the file as a whole
     * @param reason what is wrong, readable by an admin
     */
    record Unreadable(long line, String reason) implements DirectoryRow {
        public Unreadable {
            requireLine(line);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A user row from the file's text, or the reason its values are refused (e.g. a malformed email).
     *
     * @param line its line in the file, from 1
     * @param id the user id as written
     * @param email the mailbox as written
     * @param name the real name as written
     * @return a {@link User}, or an {@link Unreadable} saying which value is refused
     */
    static DirectoryRow user(long line, String id, String email, String name) {
        try {
            return new User(line, new DirectoryUserId(id), new EmailAddress(email), new DisplayName(name));
        } catch (IllegalArgumentException e) {
            return new Unreadable(line, e.getMessage());
        }
    }

    /**
     * A link row from the file's text (a Discord id in digits), or the reason its values are refused.
     *
     * @param line its line in the file, from 1
     * @param discordUser the Discord id as written
     * @param user the user id as written
     * @return a {@link Link}, or an {@link Unreadable} saying which value is refused
     */
    static DirectoryRow link(long line, String discordUser, String user) {
        try {
            return new Link(line, DiscordUserId.parse(discordUser), new DirectoryUserId(user));
        } catch (IllegalArgumentException e) {
            return new Unreadable(line, e.getMessage());
        }
    }

    private static void requireLine(long line) {
        if (line < 0) {
            throw new IllegalArgumentException("a line number is 0 or more");
        }
    }
}
