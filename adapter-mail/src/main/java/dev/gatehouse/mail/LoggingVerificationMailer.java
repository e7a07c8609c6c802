package dev.gatehouse.mail;

import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * For development only: sends nothing and logs, as a warning, the recipient and both links (which carry the
 * token) so a developer can click them. Never use it where real people verify. Thread-safe.
 */
public final class LoggingVerificationMailer implements VerificationMailer {
    private final System.Logger logger;

    /** Logs to the {@code System.Logger} named after this class. */
    public LoggingVerificationMailer() {
        this(System.getLogger(LoggingVerificationMailer.class.getName()));
    }

    LoggingVerificationMailer(System.Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
        logger.log(Level.WARNING, "NO EMAIL WILL BE SENT: no SMTP host is configured, so verification emails are only "
                + "written to this log, links included. Configure an SMTP relay before real people use this.");
    }

    @Override
    public MailOutcome send(VerificationEmail email) {
        Objects.requireNonNull(email, "email");
        logger.log(Level.WARNING, """
                        EMAIL NOT SENT (development mailer, no SMTP host configured)
                          to:        {0} <{1}>
                          tenant:    {2} ({3})
                          requester: {4} (id {5}) in server {6}
                          confirm:   {7}
                          deny:      {8}
                          expires:   {9}""",
                email.recipientName(), email.to(), email.tenantName(), email.tenant(),
                email.requester().username(), email.requester().id().toString(), email.guildName(),
                email.confirmLink().toASCIIString(), email.denyLink().toASCIIString(), email.expiresAt().toString());
        return MailOutcome.sent();
    }
}
