package dev.gatehouse.mail;

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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends verification emails through an SMTP relay with plain Jakarta Mail. Each email has a total deadline: a
 * watchdog closes its connection when it passes, however slowly the relay trickles. Transient failures are
 * retried with a doubling backoff within the deadline, but never once the relay accepted the message data unless
 * it then answered 4xx. The outcome is a value. Links are never logged. Thread-safe: each send opens its own
 * connection.
 */
public final class SmtpVerificationMailer implements VerificationMailer {
    private static final System.Logger LOG = System.getLogger(SmtpVerificationMailer.class.getName());

    private final SmtpSettings settings;
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final Session session;
    private final Properties sessionProperties;
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
        this.sessionProperties = sessionProperties(settings);
        this.session = Session.getInstance(sessionProperties);
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

        DeadlineSockets sockets = new DeadlineSockets();
        long deadline = System.nanoTime() + settings.deadline().toNanos();
        ScheduledFuture<?> alarm = WATCHDOG.schedule(sockets::expire, settings.deadline().toNanos(), TimeUnit.NANOSECONDS);
        try {
            return sendBefore(email, message, sockets, deadline);
        } finally {
            alarm.cancel(false);
        }
    }

    private MailOutcome sendBefore(VerificationEmail email, MimeMessage message, DeadlineSockets sockets, long deadline) {
        int attempts = settings.retries() + 1;
        Duration backoff = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            Attempt result = attempt(message, sockets);
            if (result.failure() == null) {
                LOG.log(Level.INFO, "verification email for tenant {0} sent to {1} through {2} ({3})",
                        email.tenant(), email.to().masked(), relay, messageId(message));
                return MailOutcome.sent();
            }
            SmtpFailure failure = result.failure();
            if (failure.permanent()) {
                return rejected(email, failure.reason());
            }
            String stop = null;
            if (sockets.expired()) {
                stop = "no answer from " + relay + " within the " + settings.deadline().toMillis() + " ms deadline ("
                        + failure.reason() + ")";
            } else if (result.dataAccepted() && !failure.temporaryReply()) {
                stop = failure.reason() + " after the relay accepted the message data; not resent, as it may have it";
            } else if (attempt >= attempts) {
                stop = failure.reason() + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : "");
            } else if (System.nanoTime() + backoff.toNanos() >= deadline) {
                stop = failure.reason() + " (no time left before the " + settings.deadline().toMillis() + " ms deadline to retry)";
            }
            if (stop != null) {
                LOG.log(Level.WARNING, "verification email for tenant {0} to {1} not sent: {2}",
                        email.tenant(), email.to().masked(), stop);
                return new MailOutcome.Unavailable(stop);
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

    /** How one attempt ended: no failure when the relay accepted the message. */
    private record Attempt(SmtpFailure failure, boolean dataAccepted) {
    }

    /** One connection, one message, on a socket that {@code sockets} closes when the deadline passes. */
    private Attempt attempt(MimeMessage message, DeadlineSockets sockets) {
        Properties properties = new Properties();
        properties.putAll(sessionProperties);
        properties.put("mail.smtp.socketFactory", sockets);
        properties.setProperty("mail.smtp.socketFactory.fallback", "false");
        DataTrackingTransport transport = new DataTrackingTransport(Session.getInstance(properties), settings.host(), settings.port());
        try {
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null), settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
            return new Attempt(null, true);
        } catch (MessagingException e) {
            return new Attempt(SmtpFailure.of(e, relay), transport.dataAccepted());
        } finally {
            closeQuietly(transport);
        }
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-smtp-deadline");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    private static void closeQuietly(Transport transport) {
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
