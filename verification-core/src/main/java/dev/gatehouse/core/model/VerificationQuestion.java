package dev.gatehouse.core.model;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A question members answer before they get a link, with the accepted answers. Answers match after
 * {@link Answers#normalise}. A question with no answers can be stored (status warns) but lets nobody through.
 *
 * @param prompt the question, at most {@value #MAX_PROMPT_LENGTH} characters
 * @param acceptedAnswers the answers that let a member through, possibly none
 */
public record VerificationQuestion(String prompt, List<String> acceptedAnswers) {
    /** Discord shows the question as the label of the answer field, which holds 45 characters. */
    public static final int MAX_PROMPT_LENGTH = 45;
    /** The longest accepted answer, in characters. */
    public static final int MAX_ANSWER_LENGTH = 100;
    /** At most this many accepted answers. */
    public static final int MAX_ANSWERS = 25;

    public VerificationQuestion {
        prompt = Texts.requireText("question", prompt, MAX_PROMPT_LENGTH).strip();
        Objects.requireNonNull(acceptedAnswers, "acceptedAnswers");
        if (acceptedAnswers.size() > MAX_ANSWERS) {
            throw new IllegalArgumentException("a question takes at most " + MAX_ANSWERS + " accepted answers");
        }
        Set<String> answers = new LinkedHashSet<>();
        for (String answer : acceptedAnswers) {
            String text = Texts.requireText("accepted answer", answer, MAX_ANSWER_LENGTH).strip();
            if (Answers.normalise(text).isEmpty()) {
                throw new IllegalArgumentException("accepted answer \"" + Texts.preview(text)
                        + "\" has no letters or digits, so no answer could match it");
            }
            answers.add(text);
        }
        acceptedAnswers = List.copyOf(answers);
    }

    /**
     * Accepted answers as operators and admins type them, separated by {@code |}: {@code "42| forty-two |"} →
     * {@code [42, forty-two]}.
     *
     * @param answers the answers as typed
     * @return the answers, stripped, without empty ones
     */
    public static List<String> splitAnswers(String answers) {
        return Arrays.stream(answers.split("\\|")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /**
     * True if the answer matches an accepted one once both are normalised.
     *
     * @param answer the member's answer as typed
     * @return true if it is accepted
     */
    public boolean accepts(String answer) {
        String given = Answers.normalise(answer);
        return !given.isEmpty() && acceptedAnswers.stream().anyMatch(a -> Answers.normalise(a).equals(given));
    }

    /**
     * Whether anyone can get through: a question with no answers lets nobody pass.
     *
     * @return true if at least one answer is accepted
     */
    public boolean hasAnswers() {
        return !acceptedAnswers.isEmpty();
    }
}
