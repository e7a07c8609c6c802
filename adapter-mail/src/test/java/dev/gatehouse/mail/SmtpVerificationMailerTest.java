package dev.gatehouse.mail;

import static dev.gatehouse.mail.TestEmails.anEmail;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SmtpVerificationMailerTest {
    private static final String LOGIN = "relay-user";
    private static final String PASSWORD = "relay-secret";
    private static final EmailAddress FROM = new EmailAddress("no-reply@gatehouse.example.org");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup[] {patient(ServerSetupTest.SMTP.dynamicPort()), patient(ServerSetupTest.SMTPS.dynamicPort())})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@gatehouse.example.org", LOGIN, PASSWORD));

    @Test
    void deliversOverStartTlsWithAuth() throws Exception {
        try (StartTlsFront front = new StartTlsFront(greenMail.getSmtp().getPort())) {
            SmtpVerificationMailer mailer = new SmtpVerificationMailer(settings(front.port(), SmtpSettings.Security.STARTTLS_REQUIRED)
                    .login(LOGIN, PASSWORD)
                    .build());

            MailOutcome outcome = mailer.send(anEmail().build());

            assertEquals(MailOutcome.sent(), outcome);
            assertEquals(1, front.completedHandshakes(), "the message went over TLS");
            assertEquals(TestEmails.RECIPIENT, onlyMessage().getAllRecipients()[0].toString().replaceAll(".*<|>", ""));
        }
    }

    @Test
    void deliversOverSmtps() throws Exception {
        SmtpVerificationMailer mailer = new SmtpVerificationMailer(settings(greenMail.getSmtps().getPort(), SmtpSettings.Security.SMTPS)
                .login(LOGIN, PASSWORD)
                .build());

        assertEquals(MailOutcome.sent(), mailer.send(anEmail().build()));
        assertEquals("Confirm your Discord account for CS 101", onlyMessage().getSubject());
    }

    @Test
    void refusesToSendInTheClearWhenTheRelayOffersNoStartTls() {
        SmtpVerificationMailer mailer = new SmtpVerificationMailer(settings(greenMail.getSmtp().getPort(),
                SmtpSettings.Security.STARTTLS_REQUIRED).retries(0, Duration.ZERO).build());

        MailOutcome outcome = mailer.send(anEmail().build());

        MailOutcome.Unavailable unavailable = assertInstanceOf(MailOutcome.Unavailable.class, outcome);
        assertTrue(unavailable.reason().contains("STARTTLS"), unavailable.reason());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aRefusedLoginIsRejectedNotRetried() {
        SmtpVerificationMailer mailer = new SmtpVerificationMailer(settings(greenMail.getSmtps().getPort(), SmtpSettings.Security.SMTPS)
                .login(LOGIN, "wrong-password")
                .build());

        MailOutcome outcome = mailer.send(anEmail().build());

        MailOutcome.Rejected rejected = assertInstanceOf(MailOutcome.Rejected.class, outcome);
        assertTrue(rejected.reason().contains("refused the login"), rejected.reason());
        assertFalse(rejected.reason().contains("wrong-password"), "the password is never repeated");
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void theMessageIsMultipartAlternativeWithTextThenHtml() throws Exception {
        MimeMessage message = sendAndReceive(anEmail().build());

        assertTrue(message.isMimeType("multipart/alternative"), message.getContentType());
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"), parts.getBodyPart(0).getContentType());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"), parts.getBodyPart(1).getContentType());
        assertTrue(parts.getBodyPart(0).getContentType().toLowerCase().contains("charset=utf-8"));
    }

    @Test
    void bothLinksInBothPartsAreTheOnesOfTheVerificationEmail() throws Exception {
        VerificationEmail email = anEmail().build();
        MimeMessage message = sendAndReceive(email);

        List<URI> textLinks = find(Pattern.compile("https?://\\S+"), text(message)).stream().map(URI::create).toList();
        List<URI> htmlLinks = find(Pattern.compile("href=\"([^\"]+)\""), html(message)).stream()
                .map(href -> URI.create(href.replace("&amp;", "&"))).toList();

        assertEquals(List.of(email.confirmLink(), email.denyLink()), textLinks);
        assertEquals(List.of(email.confirmLink(), email.denyLink()), htmlLinks);
    }

    @Test
    void theEmailSaysWhoAskedWhereAndUntilWhen() throws Exception {
        MimeMessage message = sendAndReceive(anEmail().build());

        for (String body : List.of(text(message), html(message))) {
            assertAll(
                    () -> assertTrue(body.contains("alice"), "Discord username"),
                    () -> assertTrue(body.contains("80351110224678912"), "Discord user id"),
                    () -> assertTrue(body.contains("CS 101 Lounge"), "the server that asked"),
                    () -> assertTrue(body.contains("Jane Doe"), "the recipient"),
                    () -> assertTrue(body.contains("21 November 2026, 18:52 UTC"), "absolute expiry with its zone"),
                    () -> assertTrue(body.contains("in 15 minutes"), "relative expiry"),
                    () -> assertTrue(body.contains("This wasn") && body.contains("t me"), "the deny action"),
                    () -> assertTrue(body.contains("only proves that you can read mail sent to " + TestEmails.RECIPIENT),
                            "a mailbox is a weak factor"),
                    () -> assertTrue(body.contains("If you didn") && body.contains("t ask for this"), "what to do if it wasn't you"));
        }
    }

    @Test
    void headersNameTheTenantAndMarkTheMailAutomatic() throws Exception {
        MimeMessage message = sendAndReceive(anEmail().build());

        assertEquals("Confirm your Discord account for CS 101", message.getSubject());
        assertTrue(message.getMessageID().matches("<[0-9a-f-]{36}\\.gatehouse@gatehouse\\.example\\.org>"), message.getMessageID());
        assertNotNull(message.getSentDate());
        assertNotNull(message.getHeader("Date"));
        assertEquals("auto-generated", message.getHeader("Auto-Submitted", null));
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals("Gatehouse", from.getPersonal());
        assertEquals(FROM.value(), from.getAddress());
        InternetAddress to = (InternetAddress) message.getRecipients(Message.RecipientType.TO)[0];
        assertEquals("Jane Doe", to.getPersonal());
        assertEquals(TestEmails.RECIPIENT, to.getAddress());
    }

    @Test
    void markupInNamesIsEscapedInTheHtmlPart() throws Exception {
        MimeMessage message = sendAndReceive(anEmail()
                .recipientName("<script>alert('name')</script>")
                .username("<img src=x onerror=alert(1)>")
                .guildName("<script>alert(\"guild\")</script> & friends")
                .tenantName("<b>CS</b> 101")
                .build());

        String html = html(message);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<b>CS"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&quot;guild&quot;)&lt;/script&gt; &amp; friends"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertTrue(text(message).contains("<script>alert(\"guild\")</script> & friends"), "plain text needs no escaping");
    }

    @Test
    void aTenantNameWithALineBreakIsRejectedInsteadOfInjectingAHeader() {
        SmtpVerificationMailer mailer = plainMailer();

        MailOutcome outcome = mailer.send(anEmail().tenantName("CS 101\r\nBcc: victim@evil.example.com").build());

        MailOutcome.Rejected rejected = assertInstanceOf(MailOutcome.Rejected.class, outcome);
        assertTrue(rejected.reason().contains("line break"), rejected.reason());
        assertEquals(0, greenMail.getReceivedMessages().length, "nothing was sent, to anyone");
    }

    @Test
    void aRecipientNameWithALineBreakNeverReachesTheMailer() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new DisplayName("Jane\r\nBcc: victim@evil.example.com"));

        assertTrue(refused.getMessage().contains("line break"), refused.getMessage());
    }

    @Test
    void aRecipientNameThatLooksLikeAnAddressIsEncodedNotConcatenated() throws Exception {
        String trick = "Eve, \"Admin\" <victim@evil.example.com>, ";

        MimeMessage message = sendAndReceive(anEmail().recipientName(trick).build());

        InternetAddress[] to = (InternetAddress[]) message.getRecipients(Message.RecipientType.TO);
        assertEquals(1, to.length);
        assertEquals(TestEmails.RECIPIENT, to[0].getAddress());
        assertEquals(trick.strip(), to[0].getPersonal());
        assertEquals(1, greenMail.getReceivedMessages().length, "no copy went to the address inside the name");
    }

    @Test
    void nonAsciiNamesSurviveTheTrip() throws Exception {
        MimeMessage message = sendAndReceive(anEmail().recipientName("Zoë Ñúñez-Øster").tenantName("Universität Zürich").build());

        assertEquals("Confirm your Discord account for Universität Zürich", message.getSubject());
        assertEquals("Zoë Ñúñez-Øster", ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getPersonal());
        assertTrue(text(message).contains("Hello Zoë Ñúñez-Øster,"));
        for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            Header header = headers.nextElement();
            assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(header.getValue()), "raw header is encoded: " + header.getName());
        }
    }

    @Test
    void aServerNameWithALineBreakCannotForgeALineOfTheText() throws Exception {
        MimeMessage message = sendAndReceive(anEmail().guildName("Lounge\r\nConfirm here instead: https://evil.example.com").build());

        String text = text(message);
        assertTrue(text.contains("“Lounge  Confirm here instead: https://evil.example.com”"), text);
        assertFalse(text.lines().anyMatch(line -> line.startsWith("Confirm here instead")), text);
    }

    @Test
    void theLinksNeverReachTheLog() throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(SmtpVerificationMailer.class.getName());
        List<String> lines = new ArrayList<>();
        Handler recorder = new Handler() {
            private final Formatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(recorder);
        try {
            plainMailer().send(anEmail().build());
            plainMailer().send(anEmail().tenantName("CS\n101").build());
        } finally {
            log.removeHandler(recorder);
            log.setLevel(previous);
        }

        assertFalse(lines.isEmpty(), "the mailer logs what it did");
        String token = TestEmails.CONFIRM.getPath().substring("/verify/".length());
        assertTrue(lines.stream().noneMatch(line -> line.contains(token)), String.join("", lines));
        assertTrue(lines.stream().noneMatch(line -> line.contains(TestEmails.RECIPIENT)), "the address is masked");
    }

    @Test
    void aTenantCanRewordItsOwnEmail(@TempDir Path templates) throws Exception {
        Files.writeString(templates.resolve("verification-cs101.subject.txt"), "{{tenantName}}: is {{discordUsername}} you?\n");
        Files.writeString(templates.resolve("verification-cs101.txt"), "Hi {{recipientName}}! Yes: {{confirmLink}} No: {{denyLink}}\n");
        SmtpVerificationMailer mailer = new SmtpVerificationMailer(settings(greenMail.getSmtp().getPort(), SmtpSettings.Security.NONE)
                .templateDirectory(templates)
                .build());

        assertEquals(MailOutcome.sent(), mailer.send(anEmail().build()));
        assertEquals(MailOutcome.sent(), mailer.send(anEmail().tenant("math").tenantName("Math 2").build()));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals("CS 101: is alice you?", received[0].getSubject());
        assertEquals("Hi Jane Doe! Yes: " + TestEmails.CONFIRM + " No: " + TestEmails.DENY, text(received[0]).strip());
        assertTrue(html(received[0]).contains("Review and confirm"), "parts a tenant doesn't override stay built in");
        assertEquals("Confirm your Discord account for Math 2", received[1].getSubject(), "other tenants keep the default");
    }

    @Test
    void aMemberWhoseDiscordSpeaksGermanGetsTheGermanEmailWithTheTimeInTheTenantsZone() throws Exception {
        MimeMessage message = sendAndReceive(anEmail().language(Locale.GERMAN).timeZone(ZoneId.of("Europe/Berlin")).build());

        assertEquals("Bestätigen Sie Ihr Discord-Konto für CS 101", message.getSubject());
        for (String body : List.of(text(message), html(message))) {
            assertTrue(body.contains("Hallo Jane Doe,"), body);
            assertTrue(body.contains("Die Links gelten bis 21. November 2026, 19:52 Uhr MEZ (noch 15 Minuten)"), body);
            assertTrue(body.contains("Das war ich nicht"), body);
        }
        assertTrue(html(message).contains("<html lang=\"de\">"), "the HTML part declares its language");
    }

    @Test
    void anOperatorsTemplatesPerLanguageWinAndOtherLanguagesFallBackToTheBundle(@TempDir Path templates) throws Exception {
        Files.writeString(templates.resolve("verification-cs101.fr.subject.txt"), "{{tenantName}} : est-ce bien vous, {{recipientName}} ?\n");
        Files.writeString(templates.resolve("verification.de.subject.txt"), "{{textSubject}} (bitte bis {{expiresAt}})\n");
        SmtpVerificationMailer mailer = new SmtpVerificationMailer(settings(greenMail.getSmtp().getPort(), SmtpSettings.Security.NONE)
                .templateDirectory(templates)
                .build());

        assertEquals(MailOutcome.sent(), mailer.send(anEmail().language(Locale.FRENCH).build()));
        assertEquals(MailOutcome.sent(), mailer.send(anEmail().language(Locale.GERMAN).build()));
        assertEquals(MailOutcome.sent(), mailer.send(anEmail().language(Locale.forLanguageTag("es")).build()));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals("CS 101 : est-ce bien vous, Jane Doe ?", received[0].getSubject());
        assertTrue(text(received[0]).contains("Bonjour Jane Doe,"), "the parts it doesn't override come from the French bundle");
        assertEquals("Bestätigen Sie Ihr Discord-Konto für CS 101 (bitte bis 21. November 2026, 18:52 Uhr UTC)", received[1].getSubject());
        assertEquals("Confirme su cuenta de Discord para CS 101", received[2].getSubject(), "no template: the Spanish bundle");
    }

    @Test
    void aTemplateForALanguageGatehouseDoesNotSpeakFailsAtStartUp(@TempDir Path templates) throws Exception {
        Files.writeString(templates.resolve("verification.it.txt"), "{{confirmLink}}");

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new SmtpVerificationMailer(settings(greenMail.getSmtp().getPort(), SmtpSettings.Security.NONE)
                        .templateDirectory(templates).build()));
        assertTrue(failure.getMessage().contains("verification.it.txt") && failure.getMessage().contains("pt-BR"), failure.getMessage());
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderFailsAtStartUp(@TempDir Path templates) throws Exception {
        Files.writeString(templates.resolve("verification.html"), "<p>{{confirmLink}} {{secretToken}}</p>");

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new SmtpVerificationMailer(settings(greenMail.getSmtp().getPort(), SmtpSettings.Security.NONE)
                        .templateDirectory(templates)
                        .build()));

        assertTrue(failure.getMessage().contains("{{secretToken}}"), failure.getMessage());
        assertTrue(failure.getMessage().contains("verification.html"), failure.getMessage());
    }

    @Test
    void aMisnamedTemplateFailsAtStartUpInsteadOfBeingIgnored(@TempDir Path templates) throws Exception {
        Files.writeString(templates.resolve("verification-CS101.htm"), "<p>{{confirmLink}}</p>");

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new SmtpVerificationMailer(settings(greenMail.getSmtp().getPort(), SmtpSettings.Security.NONE)
                        .templateDirectory(templates)
                        .build()));

        assertTrue(failure.getMessage().contains("verification-CS101.htm"), failure.getMessage());
    }

    private static SmtpSettings.Builder settings(int port, SmtpSettings.Security security) {
        return SmtpSettings.builder(greenMail.getSmtp().getServerSetup().getBindAddress(), FROM)
                .port(port)
                .security(security)
                .trustHostCertificate(security != SmtpSettings.Security.NONE)
                .timeouts(Duration.ofSeconds(5))
                .retries(1, Duration.ofMillis(10));
    }

    private static SmtpVerificationMailer plainMailer() {
        return new SmtpVerificationMailer(settings(greenMail.getSmtp().getPort(), SmtpSettings.Security.NONE).build());
    }

    private static MimeMessage sendAndReceive(VerificationEmail email) throws Exception {
        assertEquals(MailOutcome.sent(), plainMailer().send(email));
        return onlyMessage();
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length, "messages received");
        return received[0];
    }

    private static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    private static String html(MimeMessage message) throws Exception {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static List<String> find(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
        }
        return found;
    }

    /** GreenMail's 2 s start-up limit is too short for the first TLS server on a loaded two-core machine. */
    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(30_000);
        return setup;
    }
}
