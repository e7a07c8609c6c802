package dev.gatehouse.core.model;

import java.text.Normalizer;
import java.util.Locale;

/** How answers to a verification question are compared: case, spaces and punctuation don't count. */
public final class Answers {
    private Answers() {
    }

    /**
     * NFKC, lower case, then only letters and digits: {@code " Forty-Two! "} → {@code "fortytwo"}.
     *
     * @param answer the answer as typed
     * @return its normalised form, possibly empty
     */
    public static String normalise(String answer) {
        String folded = Normalizer.normalize(answer, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
