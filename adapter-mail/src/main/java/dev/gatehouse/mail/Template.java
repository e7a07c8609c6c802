package dev.gatehouse.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{name}}} placeholders, parsed once. Rendering puts each value through an escaper
 * (HTML escaping for the HTML part). Immutable and thread-safe.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    private final String name;
    private final List<String> literals;
    private final List<String> placeholders;

    private Template(String name, List<String> literals, List<String> placeholders) {
        this.name = name;
        this.literals = literals;
        this.placeholders = placeholders;
    }

    /** Parses {@code text}; a placeholder outside {@code known} is an error naming the template. */
    static Template parse(String name, String text, Set<String> known) {
        List<String> literals = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int from = 0;
        while (matcher.find()) {
            String placeholder = matcher.group(1);
            if (!known.contains(placeholder)) {
                throw new IllegalArgumentException("mail template " + name + " uses the unknown placeholder {{" + placeholder
                        + "}}; known are " + known.stream().sorted().map(p -> "{{" + p + "}}").toList());
            }
            literals.add(text.substring(from, matcher.start()));
            placeholders.add(placeholder);
            from = matcher.end();
        }
        literals.add(text.substring(from));
        return new Template(name, List.copyOf(literals), List.copyOf(placeholders));
    }

    String name() {
        return name;
    }

    String render(Map<String, String> values, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < placeholders.size(); i++) {
            out.append(literals.get(i));
            String value = values.get(placeholders.get(i));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + placeholders.get(i) + "}} in " + name);
            }
            out.append(escape.apply(value));
        }
        return out.append(literals.get(literals.size() - 1)).toString();
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
