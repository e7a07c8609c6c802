package dev.gatehouse.core.model;

import dev.gatehouse.core.text.Languages;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A direct message Gatehouse sends a member through the outbox, in the member's language; times are shown in the
 * tenant's zone. Closed DMs are normal: a message the member doesn't accept is dropped, not retried.
 */
public sealed interface MemberNotice {

    /**
     * The language the message is written in.
     *
     * @return one of {@link Languages#SUPPORTED}
     */
    Locale language();

    /**
     * Your verification ends soon: verify again before {@code until} to keep access.
     *
     * @param until when the verification lapses
     * @param language the member's language
     * @param timeZone the tenant's zone, in which {@code until} is shown
     */
    record VerificationEnding(Instant until, Locale language, ZoneId timeZone) implements MemberNotice {
        public VerificationEnding {
            Objects.requireNonNull(until, "until");
            language = supported(language);
            Objects.requireNonNull(timeZone, "timeZone");
        }
    }

    /**
     * Your verification has lapsed, its roles were removed; {@code /verify} restores them.
     *
     * @param language the member's language
     */
    record VerificationLapsed(Locale language) implements MemberNotice {
        public VerificationLapsed {
            language = supported(language);
        }
    }

    /**
     * You haven't verified yet: unverified members are removed from the server at {@code removalAt}.
     *
     * @param removalAt when the member will be removed unless they verify
     * @param language the member's language
     * @param timeZone the tenant's zone, in which {@code removalAt} is shown
     */
    record RemovalWarning(Instant removalAt, Locale language, ZoneId timeZone) implements MemberNotice {
        public RemovalWarning {
            Objects.requireNonNull(removalAt, "removalAt");
            language = supported(language);
            Objects.requireNonNull(timeZone, "timeZone");
        }
    }

    private static Locale supported(Locale language) {
        Objects.requireNonNull(language, "language");
        return Languages.orEnglish(language);
    }
}
