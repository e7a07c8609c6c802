package dev.gatehouse.mail;

import dev.gatehouse.core.port.out.VerificationMailer;
import java.util.Objects;
import java.util.Optional;

/** Picks the mailer: SMTP when a relay is configured, otherwise the development mailer that only logs. */
public final class VerificationMailers {
    private VerificationMailers() {
    }

    /**
     * An {@link SmtpVerificationMailer} for the settings, or a {@link LoggingVerificationMailer} (which sends
     * nothing and says so loudly) when there are none.
     */
    public static VerificationMailer fromSettings(Optional<SmtpSettings> settings) {
        Objects.requireNonNull(settings, "settings");
        return settings.<VerificationMailer>map(SmtpVerificationMailer::new).orElseGet(LoggingVerificationMailer::new);
    }
}
