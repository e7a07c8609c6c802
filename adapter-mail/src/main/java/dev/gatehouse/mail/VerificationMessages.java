package dev.gatehouse.mail;

import dev.gatehouse.core.model.Texts;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.text.Durations;
import dev.gatehouse.core.text.Languages;
import dev.gatehouse.core.text.Moments;
import dev.gatehouse.mail.MailTemplates.Part;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Turns a {@link VerificationEmail} into a MIME message: {@code multipart/alternative} with a text and an
 * HTML part from the tenant's templates in the member's language, times in the tenant's zone. Thread-safe.
 */
final class VerificationMessages {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SmtpSettings settings;
    private final MailTemplates templates;

    VerificationMessages(SmtpSettings settings, MailTemplates templates) {
        this.settings = settings;
        this.templates = templates;
    }

    /** A header value built from untrusted data would have carried a line break or another control character. */
    static final class UnsafeHeaderException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsafeHeaderException(String message) {
            super(message);
        }
    }

    /** The message, ready to send (its headers, including {@code Message-ID}, are final). */
    MimeMessage compose(Session session, VerificationEmail email, Instant now)
            throws MessagingException, UnsafeHeaderException {
        Map<String, String> values = values(email);

        String subject = templates.forTenant(email.tenant(), email.language(), Part.SUBJECT).render(values, UnaryOperator.identity());
        if (Texts.hasControlCharacter(subject)) {
            throw new UnsafeHeaderException("the subject would contain a line break or control character (check the tenant name "
                    + "and the template " + templates.forTenant(email.tenant(), email.language(), Part.SUBJECT).name() + "): '"
                    + Texts.preview(subject) + "'");
        }
        String text = templates.forTenant(email.tenant(), email.language(), Part.TEXT).render(values, VerificationMessages::oneLine);
        String html = templates.forTenant(email.tenant(), email.language(), Part.HTML).render(values, v -> Template.escapeHtml(oneLine(v)));

        InternetAddress recipient = address(email.to().value(), email.recipientName().value(), "recipient");
        MimeMessage message = new VerificationMimeMessage(session, messageId());
        message.setFrom(address(settings.from().value(), settings.fromName(), "sender"));
        if (settings.replyTo().isPresent()) {
            message.setReplyTo(new InternetAddress[] {address(settings.replyTo().get().value(), null, "reply-to")});
        }
        message.setRecipient(Message.RecipientType.TO, recipient);
        message.setSubject(subject, UTF_8);
        message.setSentDate(Date.from(now));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, UTF_8, "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, UTF_8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private Map<String, String> values(VerificationEmail email) {
        Map<String, String> values = new HashMap<>();
        values.put("recipientName", email.recipientName().value());
        values.put("recipientAddress", email.to().value());
        values.put("tenantName", email.tenantName());
        values.put("discordUsername", email.requester().username());
        values.put("discordUserId", email.requester().id().toString());
        values.put("guildName", email.guildName());
        values.put("confirmLink", webLink("confirm link", email.confirmLink()));
        values.put("denyLink", webLink("deny link", email.denyLink()));
        values.put("expiresAt", Moments.describe(email.expiresAt(), email.timeZone(), email.language()));
        values.put("expiresIn", Durations.describe(email.lifetime(), email.language()));
        values.put("language", Languages.orEnglish(email.language()).toLanguageTag());
        values.putAll(MailTexts.texts(email.language(), values));
        return values;
    }

    /** Body values can't break lines: a server name with a line break must not forge a line of the email. */
    private static String oneLine(String value) {
        return value.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static String webLink(String what, URI link) {
        String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (!link.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("the " + what + " must be an absolute http(s) URL");
        }
        return link.toASCIIString();
    }

    private static InternetAddress address(String address, String personal, String what) throws AddressException {
        try {
            InternetAddress internetAddress = new InternetAddress(address, personal, UTF_8);
            internetAddress.validate();
            return internetAddress;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        } catch (AddressException e) {
            throw new AddressException("invalid " + what + " address: " + e.getMessage());
        }
    }

    private String messageId() {
        String address = settings.from().value();
        return "<" + UUID.randomUUID() + ".gatehouse@" + address.substring(address.lastIndexOf('@') + 1) + ">";
    }

    /** Keeps the Message-ID chosen here (with the sender's domain) instead of one built from the local host name. */
    private static final class VerificationMimeMessage extends MimeMessage {
        private final String messageId;

        VerificationMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
