package dev.gatehouse.core.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * Something missing or inconsistent in a server's setup, as {@code status} reports it and as {@code /verify}
 * refuses for (the hand-off, signer and question problems). Adapters word each one for their audience; equal warnings are the same warning.
 */
public sealed interface SetupWarning {

    /** Verification is switched off in this server: {@code /verify} is refused and joiners aren't asked. */
    record VerificationOff() implements SetupWarning {
    }

    /** The tenant verifies through its own site, but no site URL is configured. */
    record HandoffSiteMissing() implements SetupWarning {
    }

    /** The tenant verifies through its own site, but no signing secret is configured. */
    record HandoffSecretMissing() implements SetupWarning {
    }

    /** The tenant's hand-off secret can't be decrypted; {@code problem} says why. */
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

    /** The tenant's client secret can't be decrypted; {@code problem} says why. */
    record OidcSecretUnreadable(String problem) implements SetupWarning {
        public OidcSecretUnreadable {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** The question in force has no accepted answers, so nobody can pass it. */
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

    /** Members may try {@code /verify} only {@code limit} times per {@code window}, fewer than the kick needs. */
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
