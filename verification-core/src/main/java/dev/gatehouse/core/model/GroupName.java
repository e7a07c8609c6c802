package dev.gatehouse.core.model;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An affiliation a directory may give a person ({@code student}, {@code staff}, {@code alumni}), normalised like a
 * user id: Unicode NFKC, surrounding space stripped, lower case. Servers map groups to roles.
 *
 * @param value the normalised name, 1 to {@value #MAX_LENGTH} characters, without {@code ;}, {@code =} or control
 *              characters
 */
public record GroupName(String value) implements Comparable<GroupName> {
    /** The longest name, in characters. */
    public static final int MAX_LENGTH = 64;
    /** How a directory file separates a person's groups in one cell. */
    public static final String SEPARATOR = ";";

    public GroupName {
        if (value == null) {
            throw new IllegalArgumentException("group is missing");
        }
        value = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        Texts.requireText("group", value, MAX_LENGTH);
        if (value.contains(SEPARATOR) || value.contains("=") || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("group must not contain ';', '=' or control characters");
        }
    }

    /**
     * The groups of a {@code ;}-separated cell (blank parts skipped), in order.
     *
     * @param cell the cell as written; null or blank for none
     * @return the groups, sorted; empty for none
     * @throws IllegalArgumentException if a part is not a group name
     */
    public static Set<GroupName> parseList(String cell) {
        if (cell == null || cell.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(cell.split(SEPARATOR)).filter(part -> !part.isBlank()).map(GroupName::new)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The groups as a {@code ;}-separated cell, sorted.
     *
     * @param groups the groups
     * @return the cell; empty for no groups
     */
    public static String format(Set<GroupName> groups) {
        return new TreeSet<>(groups).stream().map(GroupName::value).collect(Collectors.joining(SEPARATOR));
    }

    @Override
    public int compareTo(GroupName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
