package dev.gatehouse.core.model;

/** Checks on free text that crosses a trust boundary. */
public final class Texts {
    private static final int PREVIEW_LENGTH = 40;

    private Texts() {
    }

    /**
     * True when the text holds a control character (CR, LF, NUL, ...), which no name or id may carry.
     *
     * @param text the text
     * @return true if it holds a control character
     */
    public static boolean hasControlCharacter(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    /**
     * A short, single-line rendering of untrusted text for error messages.
     *
     * @param text the untrusted text, or null
     * @return the preview, never null
     */
    public static String preview(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return oneLine.length() <= PREVIEW_LENGTH ? oneLine : oneLine.substring(0, PREVIEW_LENGTH) + "…";
    }

    static String requireText(String what, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        if (hasControlCharacter(value)) {
            throw new IllegalArgumentException(what + " contains a control character (such as a line break)");
        }
        return value;
    }
}
