package dev.gatehouse.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns whatever stopped Gatehouse from starting into the one line an operator needs. */
final class StartupFailure {
    /** How Micronaut says a setting's value doesn't convert, buried in a longer message. */
    private static final Pattern UNCONVERTIBLE = Pattern.compile("Error resolving property value \\[([^\\]]+)\\]\\. Unable to convert "
            + "value \\[(.*?)\\] to target type \\[([^\\]]+)\\] due to: (.*?)(?:\\s+Path Taken:|$)", Pattern.DOTALL);

    private StartupFailure() {
    }

    /**
     * The deepest cause's message (our settings checks say which setting is wrong and why); for an I/O failure such
     * as a port in use, also what was being attempted. Always a single line.
     */
    static String reason(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        int root = chain.size() - 1;
        while (root > 0 && blank(chain.get(root).getMessage())) {
            root--;
        }
        for (Throwable t : chain) {
            Matcher unconvertible = UNCONVERTIBLE.matcher(t.getMessage() == null ? "" : t.getMessage());
            if (unconvertible.find()) {
                return oneLine(unconvertible.group(1) + ": '" + unconvertible.group(2) + "' is not a valid "
                        + unconvertible.group(3) + " (" + unconvertible.group(4) + ")");
            }
        }
        Throwable cause = chain.get(root);
        String reason = blank(cause.getMessage()) ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof IOException && root > 0 && !blank(chain.get(root - 1).getMessage())) {
            reason = firstLine(chain.get(root - 1).getMessage()) + ": " + reason;
        }
        return oneLine(reason);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
