package dev.gatehouse.adapter.mail;

import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends verification emails through an SMTP relay with plain Jakarta Mail. Every network wait is bounded by
 * the settings' timeouts; transient failures are retried with a doubling backoff; the outcome is a value.
 * Links are never logged. Thread-safe: each send opens its own connection.
 */
public final class SmtpVerificationMailer implements VerificationMailer {
    private static final System.Logger LOG = System.getLogger(SmtpVerificationMailer.class.getName());

    private final SmtpSettings settings;
    private final Session session;
    private final VerificationMessages messages;
    private final String relay;

    /**
     * A mailer for {@code settings}. Reads and checks the templates now, so a broken template fails at start-up.
     *
     * @throws IllegalArgumentException if a template in the settings' template directory is misnamed or uses an
     *                                  unknown placeholder
     */
    public SmtpVerificationMailer(SmtpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = Session.getInstance(sessionProperties(settings));
        this.messages = new VerificationMessages(settings, MailTemplates.load(settings.templateDirectory()));
        this.relay = settings.host() + ":" + settings.port();
        if (settings.trustHostCertificate()) {
            LOG.log(Level.WARNING, "SMTP relay {0}: accepting any certificate it presents (trustHostCertificate); "
                    + "use this only for tests and self-signed relays on a network you control", relay);
        }
    }

    @Override
    public MailOutcome send(VerificationEmail email) {
        Objects.requireNonNull(email, "email");
        MimeMessage message;
        try {
            message = messages.compose(session, email, Instant.now());
        } catch (VerificationMessages.UnsafeHeaderException e) {
            return rejected(email, e.getMessage());
        } catch (MessagingException e) {
            return rejected(email, "could not build the message: " + SmtpFailure.oneLine(e.getMessage()));
        }

        int attempts = settings.retries() + 1;
        Duration backoff = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            SmtpFailure failure = attempt(message);
            if (failure == null) {
                LOG.log(Level.INFO, "verification email for tenant {0} sent to {1} through {2} ({3})",
                        email.tenant(), email.to().masked(), relay, messageId(message));
                return MailOutcome.sent();
            }
            if (failure.permanent()) {
                return rejected(email, failure.reason());
            }
            if (attempt >= attempts) {
                String reason = failure.reason() + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : "");
                LOG.log(Level.WARNING, "verification email for tenant {0} to {1} not sent: {2}",
                        email.tenant(), email.to().masked(), reason);
                return new MailOutcome.Unavailable(reason);
            }
            LOG.log(Level.WARNING, "verification email for tenant {0} to {1}: attempt {2} of {3} failed: {4}; retrying in {5} ms",
                    email.tenant(), email.to().masked(), Integer.toString(attempt), Integer.toString(attempts), failure.reason(),
                    Long.toString(backoff.toMillis()));
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new MailOutcome.Unavailable("interrupted while waiting to retry; last failure: " + failure.reason());
            }
            backoff = backoff.multipliedBy(2);
            if (backoff.compareTo(SmtpSettings.MAX_RETRY_BACKOFF) > 0) {
                backoff = SmtpSettings.MAX_RETRY_BACKOFF;
            }
        }
    }

    /** One connection, one message: null when the relay accepted it. */
    private SmtpFailure attempt(MimeMessage message) {
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null), settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
            return null;
        } catch (MessagingException e) {
            return SmtpFailure.of(e, relay);
        } finally {
            closeQuietly(transport);
        }
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.log(Level.DEBUG, "closing the SMTP connection failed: {0}", SmtpFailure.oneLine(e.getMessage()));
        }
    }

    private MailOutcome rejected(VerificationEmail email, String reason) {
        LOG.log(Level.WARNING, "verification email for tenant {0} to {1} rejected: {2}", email.tenant(), email.to().masked(), reason);
        return new MailOutcome.Rejected(reason);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return "no Message-ID";
        }
    }

    static Properties sessionProperties(SmtpSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.from", settings.from().value());
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.writeTimeout().toMillis()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        switch (settings.security()) {
            case NONE -> {
                properties.setProperty("mail.smtp.starttls.enable", "false");
                properties.setProperty("mail.smtp.ssl.enable", "false");
            }
            case STARTTLS_REQUIRED -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
            }
            case SMTPS -> properties.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (settings.trustHostCertificate()) {
            properties.setProperty("mail.smtp.ssl.trust", settings.host());
            properties.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        properties.setProperty("mail.debug", "false");
        return properties;
    }
}
