package dev.gatehouse.core.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
     * A directory user as the file has it, with their groups (none if the file has no groups).
     *
     * @param line its line in the file, from 1
     * @param id the user id
     * @param email the mailbox
     * @param name the real name
     * @param groups the groups, sorted; empty if the file has none for the user
     */
    record User(long line, DirectoryUserId id, EmailAddress email, DisplayName name, Set<GroupName> groups) implements DirectoryRow {
        public User {
            requireLine(line);
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(name, "name");
            groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        }

        /**
         * A user row with no groups.
         *
         * @param line its line in the file, from 1
         * @param id the user id
         * @param email the mailbox
         * @param name the real name
         */
        public User(long line, DirectoryUserId id, EmailAddress email, DisplayName name) {
            this(line, id, email, name, Set.of());
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
        return user(line, id, email, name, List.of());
    }

    /**
     * A user row with its groups as the file has them (each may be blank, skipped), or the reason they are refused.
     *
     * @param line its line in the file, from 1
     * @param id the user id as written
     * @param email the mailbox as written
     * @param name the real name as written
     * @param groups the group names as written; blank or null ones are skipped
     * @return a {@link User}, or an {@link Unreadable} saying which value is refused
     */
    static DirectoryRow user(long line, String id, String email, String name, List<String> groups) {
        try {
            Set<GroupName> parsed = new TreeSet<>();
            for (String group : groups) {
                if (group != null && !group.isBlank()) {
                    parsed.add(new GroupName(group));
                }
            }
            return new User(line, new DirectoryUserId(id), new EmailAddress(email), new DisplayName(name), parsed);
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
