package dev.gatehouse.core.port.in;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;

/**
 * Something missing or inconsistent in a server's setup, as {@code status} reports it and as {@code /verify}
 * refuses for (the hand-off, signer and question problems). Equal warnings are the same warning. {@link #inWords()}
 * gives the English sentence that {@code /gatehouse status} shows, so every adapter says the same thing.
 */
public sealed interface SetupWarning {

    /**
     * This warning as a sentence for admins, in the words {@code /gatehouse status} uses.
     *
     * @return the sentence, with the tenant's own text (a question, a decryption problem) as it is
     */
    default String inWords() {
        return inWords(UnaryOperator.identity());
    }

    /**
     * This warning as a sentence for admins, in the words {@code /gatehouse status} uses.
     *
     * @param quote applied to text from the tenant's data before it goes into the sentence (a chat adapter escapes
     *              its markup there)
     * @return the sentence
     */
    default String inWords(UnaryOperator<String> quote) {
        Objects.requireNonNull(quote, "quote");
        String key;
        Object[] arguments = {};
        if (this instanceof VerificationOff) {
            key = "verificationOff";
        } else if (this instanceof HandoffSiteMissing) {
            key = "handoffSiteMissing";
        } else if (this instanceof HandoffSecretMissing) {
            key = "handoffSecretMissing";
        } else if (this instanceof HandoffSecretUnreadable unreadable) {
            key = "handoffSecretUnreadable";
            arguments = new Object[] {quote.apply(unreadable.problem())};
        } else if (this instanceof OidcIssuerMissing) {
            key = "oidcIssuerMissing";
        } else if (this instanceof OidcClientIdMissing) {
            key = "oidcClientIdMissing";
        } else if (this instanceof OidcSecretMissing) {
            key = "oidcSecretMissing";
        } else if (this instanceof OidcSecretUnreadable unreadable) {
            key = "oidcSecretUnreadable";
            arguments = new Object[] {quote.apply(unreadable.problem())};
        } else if (this instanceof HandoffSignerMissing) {
            key = "handoffSignerMissing";
        } else if (this instanceof QuestionWithoutAnswers question) {
            key = "questionWithoutAnswers";
            arguments = new Object[] {quote.apply(question.prompt())};
        } else if (this instanceof NoVerifiedRole) {
            key = "noVerifiedRole";
        } else if (this instanceof EmptyDirectory) {
            key = "emptyDirectory";
        } else if (this instanceof KickWithoutQuestion) {
            key = "kickWithoutQuestion";
        } else if (this instanceof KickAfterRateLimit limit) {
            key = "kickAfterRateLimit";
            arguments = new Object[] {limit.limit(), limit.window().toMinutes(), limit.kickAfter()};
        } else if (this instanceof JoinHintAndVerifyOnJoin) {
            key = "joinHintAndVerifyOnJoin";
        } else if (this instanceof GateWithoutRole) {
            key = "gateWithoutRole";
        } else {
            throw new IllegalStateException("no words for " + this);
        }
        ResourceBundle words = ResourceBundle.getBundle("dev.gatehouse.core.port.in.SetupWarningWords", Locale.ROOT,
                SetupWarning.class.getModule());
        return new MessageFormat(words.getString("warning." + key), Locale.ENGLISH).format(arguments);
    }

    /** Verification is switched off in this server: {@code /verify} is refused and joiners aren't asked. */
    record VerificationOff() implements SetupWarning {
    }

    /** The tenant verifies through its own site, but no site URL is configured. */
    record HandoffSiteMissing() implements SetupWarning {
    }

    /** The tenant verifies through its own site, but no signing secret is configured. */
    record HandoffSecretMissing() implements SetupWarning {
    }

    /**
     * The tenant's hand-off secret can't be decrypted; {@code problem} says why.
     *
     * @param problem why the secret can't be used
     */
    record HandoffSecretUnreadable(String problem) implements SetupWarning {
        public HandoffSecretUnreadable {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** The tenant hands members off, but this Gatehouse was built without a hand-off token signer. */
    record HandoffSignerMissing() implements SetupWarning {
    }

    /** The tenant signs in with an identity provider, but no issuer is configured. */
    record OidcIssuerMissing() implements SetupWarning {
    }

    /** The tenant signs in with an identity provider, but no client id is configured. */
    record OidcClientIdMissing() implements SetupWarning {
    }

    /** The tenant signs in with an identity provider, but no client secret is configured. */
    record OidcSecretMissing() implements SetupWarning {
    }

    /**
     * The tenant's client secret can't be decrypted; {@code problem} says why.
     *
     * @param problem why the secret can't be used
     */
    record OidcSecretUnreadable(String problem) implements SetupWarning {
        public OidcSecretUnreadable {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * The question in force has no accepted answers, so nobody can pass it.
     *
     * @param prompt the question's text, as members see it
     */
    record QuestionWithoutAnswers(String prompt) implements SetupWarning {
        public QuestionWithoutAnswers {
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    /** No verified role is set: verified members get no role. */
    record NoVerifiedRole() implements SetupWarning {
    }

    /** The tenant's directory is empty: nobody can verify by email until the operator imports it. */
    record EmptyDirectory() implements SetupWarning {
    }

    /** Kicking after wrong answers is on, but no question is asked, so nobody is kicked. */
    record KickWithoutQuestion() implements SetupWarning {
    }

    /**
     * Members may try {@code /verify} only {@code limit} times per {@code window}, fewer than the kick needs.
     *
     * @param limit how many {@code /verify} a member may run per window
     * @param window the rate limit's window
     * @param kickAfter how many wrong answers the kick needs
     */
    record KickAfterRateLimit(int limit, Duration window, int kickAfter) implements SetupWarning {
        public KickAfterRateLimit {
            Objects.requireNonNull(window, "window");
        }
    }

    /** Both the join hint and verify-on-join are on; joiners get the verify-on-join message only. */
    record JoinHintAndVerifyOnJoin() implements SetupWarning {
    }

    /** Messages are gated but no role is set: members can't see that they are verified. */
    record GateWithoutRole() implements SetupWarning {
    }
}
