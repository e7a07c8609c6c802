package dev.gatehouse.persistence;

import dev.gatehouse.core.model.VerificationQuestion;
import java.util.List;
import java.util.Optional;

/**
 * A verification question in two columns, {@code question_prompt} and {@code question_answers} ({@code text[]},
 * in the order given): both null when there is no question, an empty array when it has no answers yet.
 */
final class QuestionColumns {
    private QuestionColumns() {
    }

    static String prompt(Optional<VerificationQuestion> question) {
        return question.map(VerificationQuestion::prompt).orElse(null);
    }

    static String[] answers(Optional<VerificationQuestion> question) {
        return question.map(q -> q.acceptedAnswers().toArray(String[]::new)).orElse(null);
    }

    static Optional<VerificationQuestion> question(String prompt, String[] answers) {
        if (prompt == null) {
            return Optional.empty();
        }
        return Optional.of(new VerificationQuestion(prompt, answers == null ? List.of() : List.of(answers)));
    }
}
