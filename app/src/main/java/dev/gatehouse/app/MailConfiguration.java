package dev.gatehouse.app;

import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.MailQueue;
import dev.gatehouse.mail.SmtpSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code gatehouse.smtp.*}: the mail relay. Without {@code host}, emails are not sent but logged (a
 * development mode that says so loudly). {@code deadline}, {@code senders} and {@code queue-capacity} shape the
 * core's mail queue in either mode; the deadline also bounds each SMTP send.
 */
@ConfigurationProperties("gatehouse.smtp")
record MailConfiguration(
        @Nullable String host,
        @Nullable Integer port,
        @Nullable SmtpSettings.Security security,
        @Nullable String username,
        @Nullable String password,
        @Nullable String from,
        @Nullable String fromName,
        @Nullable String replyTo,
        @Nullable Duration timeout,
        @Nullable Integer retries,
        @Nullable Duration deadline,
        @Nullable Integer senders,
        @Nullable Integer queueCapacity,
        @Nullable Boolean trustHostCertificate,
        @Nullable String templateDirectory) {

    Optional<SmtpSettings> settings() {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("gatehouse.smtp.from is required when gatehouse.smtp.host is set");
        }
        SmtpSettings.Builder builder = SmtpSettings.builder(host.strip(), new EmailAddress(from));
        if (security != null) {
            builder.security(security);
        }
        if (port != null) {
            builder.port(port);
        }
        if (username != null && !username.isBlank()) {
            builder.login(username, password == null ? "" : password);
        }
        if (fromName != null && !fromName.isBlank()) {
            builder.fromName(fromName);
        }
        if (replyTo != null && !replyTo.isBlank()) {
            builder.replyTo(new EmailAddress(replyTo));
        }
        if (timeout != null) {
            builder.timeouts(timeout);
        }
        if (deadline != null) {
            builder.deadline(deadline);
        }
        if (retries != null) {
            builder.retries(retries, SmtpSettings.DEFAULT_RETRY_BACKOFF);
        }
        if (trustHostCertificate != null) {
            builder.trustHostCertificate(trustHostCertificate);
        }
        if (templateDirectory != null && !templateDirectory.isBlank()) {
            builder.templateDirectory(Path.of(templateDirectory));
        }
        return Optional.of(builder.build());
    }

    /** The core's mail senders, waiting room and deadline; defaults from {@link MailQueue#standard()}. */
    MailQueue queue() {
        MailQueue standard = MailQueue.standard();
        return new MailQueue(senders == null ? standard.senders() : senders,
                queueCapacity == null ? standard.capacity() : queueCapacity,
                deadline == null ? standard.deadline() : deadline);
    }

    @Override
    public String toString() {
        return "MailConfiguration[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", password=[redacted], from=" + from + ", deadline=" + deadline + ", senders=" + senders
                + ", queueCapacity=" + queueCapacity + "]";
    }
}
