package dev.gatehouse.mail;

import static dev.gatehouse.mail.TestEmails.anEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.text.MessageFormat;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LoggingVerificationMailerTest {

    @Test
    void saysLoudlyThatNoMailIsSentAndLogsTheRecipientAndBothLinks() {
        RecordingLogger log = new RecordingLogger();
        LoggingVerificationMailer mailer = new LoggingVerificationMailer(log);

        MailOutcome outcome = mailer.send(anEmail().build());

        assertEquals(MailOutcome.sent(), outcome);
        assertTrue(log.records.stream().allMatch(r -> r.level() == System.Logger.Level.WARNING), "warnings, not quiet info");
        assertTrue(log.records.get(0).text().contains("NO EMAIL WILL BE SENT"), log.records.get(0).text());
        String sent = log.records.get(log.records.size() - 1).text();
        assertTrue(sent.contains("EMAIL NOT SENT"), sent);
        assertTrue(sent.contains(TestEmails.RECIPIENT), sent);
        assertTrue(sent.contains(TestEmails.CONFIRM.toString()), sent);
        assertTrue(sent.contains(TestEmails.DENY.toString()), sent);
    }

    @Test
    void isWhatYouGetWithoutAnSmtpHost() {
        assertInstanceOf(LoggingVerificationMailer.class, VerificationMailers.fromSettings(Optional.empty()));
    }

    @Test
    void anSmtpHostGivesTheSmtpMailer() {
        VerificationMailer mailer = VerificationMailers.fromSettings(Optional.of(
                SmtpSettings.builder("smtp.example.org", new EmailAddress("no-reply@example.org")).build()));

        assertInstanceOf(SmtpVerificationMailer.class, mailer);
    }

    private record LogRecord(System.Logger.Level level, String text) {
    }

    private static final class RecordingLogger implements System.Logger {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(new LogRecord(level, msg));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(new LogRecord(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            records.add(new LogRecord(level, msgSupplier.get()));
        }
    }
}
