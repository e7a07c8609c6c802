package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One wrong answer to a verification question, as typed, with its normalised form for grouping.
 *
 * @param tenant the tenant whose question it was
 * @param guild the server it was given in
 * @param member who gave it
 * @param original the answer as typed, control characters blanked, at most {@value #MAX_LENGTH} characters
 * @param at when it was given
 */
public record WrongAnswer(TenantId tenant, GuildId guild, DiscordUserId member, String original, Instant at) {
    /** Longer answers are cut to this many characters. */
    public static final int MAX_LENGTH = VerificationQuestion.MAX_ANSWER_LENGTH;

    public WrongAnswer {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(at, "at");
        original = original.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : Character.isSurrogate((char) c) && c <= 0xFFFF ? '\uFFFD' : c)
                .limit(MAX_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /**
     * The grouping key: {@link Answers#normalise} of the original.
     *
     * @return the normalised answer
     */
    public String normalised() {
        return Answers.normalise(original);
    }
}
