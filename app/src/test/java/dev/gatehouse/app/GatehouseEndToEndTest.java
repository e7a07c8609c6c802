package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.BotStatus;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.RecordedCall;
import dev.gatehouse.persistence.testing.TestDatabase;
import dev.gatehouse.web.HeadlessChromium;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole product with real parts: the app on PostgreSQL, a directory imported through the operator CLI,
 * GreenMail as the SMTP server, the real Javacord client against the fake Discord, and headless Chromium
 * opening the emailed links.
 */
class GatehouseEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final long GUILD = 810_000_000_000_000_001L;
    private static final long TEXT = 810_000_000_000_000_010L;
    private static final long VERIFIED_ROLE = 810_000_000_000_000_020L;
    private static final long BOT_ROLE = 810_000_000_000_000_021L;
    private static final long STAFF_ROLE = 810_000_000_000_000_022L;
    private static final long OWNER = 810_000_000_000_000_100L;
    private static final long ADMIN = 810_000_000_000_000_101L;
    private static final long ALICE = 810_000_000_000_000_102L;
    private static final long BOB = 810_000_000_000_000_103L;
    private static final long CAROL = 810_000_000_000_000_104L;
    private static final long DAVE = 810_000_000_000_000_105L;
    private static final long ERIKA = 810_000_000_000_000_106L;

    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+/(verify|deny)/[A-Za-z0-9_-]{43}");

    private static TestDatabase database;
    private static GreenMail smtp;
    private static FakeDiscord discord;
    private static HeadlessChromium browser;
    private static Map<String, Object> settings;
    private static ApplicationContext app;

    @TempDir
    static Path files;

    @BeforeAll
    static void startEverything() throws IOException {
        browser = HeadlessChromium.phone();
        database = TestDatabase.createEmpty();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        discord = FakeDiscord.start();
        long botPermissions = Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES | Permissions.MANAGE_MESSAGES;
        discord.guild(GUILD, "CS 101 Office Hours", OWNER)
                .role(VERIFIED_ROLE, "Verified", 1, 0)
                .role(STAFF_ROLE, "Staff", 3, Permissions.MANAGE_GUILD)
                .role(BOT_ROLE, "Gatehouse", 5, botPermissions)
                .textChannel(TEXT, "general")
                .member(OWNER, "owner")
                .member(ADMIN, "admin", STAFF_ROLE)
                .member(ALICE, "alice")
                .member(BOB, "bob")
                .member(CAROL, "carol")
                .member(DAVE, "dave")
                .member(ERIKA, "erika")
                .botRoles(BOT_ROLE);

        int port = freePort();
        settings = new HashMap<>();
        settings.put("datasources.default.url", database.jdbcUrl());
        settings.put("micronaut.server.port", port);
        settings.put("gatehouse.management.port", freePort());
        settings.put("gatehouse.web.public-base-url", "http://localhost:" + port);
        settings.put("gatehouse.smtp.host", "127.0.0.1");
        settings.put("gatehouse.smtp.port", smtp.getSmtp().getPort());
        settings.put("gatehouse.smtp.security", "NONE");
        settings.put("gatehouse.smtp.from", "gatehouse@uni.example.edu");
        settings.put("gatehouse.discord.token", FakeDiscord.TOKEN);

        Path directory = files.resolve("cs101.csv");
        Files.writeString(directory, """
                user_id,email,name
                jdoe42,jane.doe@uni.example.edu,Jane Doe
                bsmith,bob.smith@uni.example.edu,Bob Smith
                dlee,dan.lee@uni.example.edu,Dan Lee
                emueller,erika.mueller@uni.example.edu,Erika Müller
                """, StandardCharsets.UTF_8);
        cli("tenant", "create", "cs101", "--name", "CS 101");
        cli("guild", "bind", Long.toString(GUILD), "cs101");
        String imported = cli("import", "cs101", directory.toString());
        assertTrue(imported.contains("4 added"), imported);

        app = startApp();
        FakeInteraction setup = discord.slashCommand(GUILD, TEXT, ADMIN, "gatehouse",
                CommandOption.subcommand("setup", CommandOption.role("role", VERIFIED_ROLE), CommandOption.bool("gate", true)));
        String reply = setup.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(reply.contains("Verified"), reply);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {app, discord, browser, database}) {
            if (part != null) {
                part.close();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static ApplicationContext startApp() {
        ApplicationContext context = ApplicationContext.builder()
                .properties(settings)
                .singletons((DiscordConnection) token -> discord.apiBuilder())
                .start();
        context.getBean(EmbeddedServer.class).start();
        try {
            assertInstanceOf(BotStatus.Connected.class, context.getBean(DiscordRunner.class).awaitConnected(Duration.ofSeconds(30)).orElseThrow());
        } catch (Exception e) {
            throw new AssertionError("the bot did not start", e);
        }
        return context;
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OperatorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), settings);
        assertEquals(0, status, () -> String.join(" ", args) + " failed: " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        return FreePorts.next();
    }

    /** Runs /verify as the member and returns the confirm and deny links from the email that arrives. */
    private static List<String> verifyAndReadEmail(long member, String userId, String address) throws Exception {
        int before = smtp.getReceivedMessages().length;
        FakeInteraction verify = discord.slashCommand(GUILD, TEXT, member, "verify", CommandOption.string("user_id", userId));
        assertEquals(64, verify.awaitCallback(WAIT).json().get("data").get("flags").asInt(), "the reply is ephemeral");
        String reply = verify.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(reply.contains("10 minutes"), reply);
        assertTrue(smtp.waitForIncomingEmail(WAIT.toMillis(), before + 1), "the verification email arrives");
        MimeMessage email = smtp.getReceivedMessages()[before];
        assertEquals(address, email.getAllRecipients()[0].toString().replaceAll(".*<|>.*", ""));
        String raw = new String(email.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher links = LINK.matcher(raw.replace("=\r\n", "").replace("=\n", ""));
        String confirm = null;
        String deny = null;
        while (links.find()) {
            if (links.group(1).equals("verify")) {
                confirm = links.group();
            } else {
                deny = links.group();
            }
        }
        assertTrue(confirm != null && deny != null, "both links are in the email");
        return List.of(confirm, deny);
    }

    /** Presses the button and waits until the page it posts to has replaced this one; returns the new page's text. */
    private static String press(WebDriver driver, String buttonText) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElements(By.cssSelector("button")).stream()
                .filter(b -> b.getText().contains(buttonText))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + buttonText + "' on " + driver.getCurrentUrl()))
                .click();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.stalenessOf(page));
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body"))).getText();
    }

    @Test
    void aMemberVerifiesByEmailAndGetsRoleNicknameAndAVoice() throws Exception {
        List<String> links = verifyAndReadEmail(ALICE, "JDoe42", "jane.doe@uni.example.edu");

        WebDriver driver = browser.driver();
        driver.get(links.get(0));
        String preview = driver.findElement(By.tagName("body")).getText();
        assertTrue(preview.contains("alice") && preview.contains("Jane Doe") && preview.contains("CS 101"), preview);
        browser.screenshot(HeadlessChromium.artifact("screenshots", "app-confirm-page.png"));
        String done = press(driver, "Confirm");
        assertTrue(done.contains("verified"), done);

        RecordedCall role = discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + ALICE + "/roles/" + VERIFIED_ROLE, WAIT);
        assertTrue(role.auditLogReason().isPresent(), "role changes carry an audit-log reason");
        RecordedCall nickname = discord.awaitRequest("PATCH", "/guilds/" + GUILD + "/members/" + ALICE, WAIT);
        assertEquals("Jane Doe", nickname.json().get("nick").asText());

        long fromBob = discord.messageCreate(GUILD, TEXT, BOB, "hello?");
        discord.awaitRequest("DELETE", "/channels/" + TEXT + "/messages/" + fromBob, WAIT);
        long fromAlice = discord.messageCreate(GUILD, TEXT, ALICE, "hi all");
        discord.assertNoRequest("DELETE", "/channels/" + TEXT + "/messages/" + fromAlice, Duration.ofSeconds(2));

        String metrics = management("/manage/prometheus").body();
        assertTrue(counter(metrics, "gatehouse_verifications_confirmed_total") >= 1, metrics);
        assertTrue(counter(metrics, "gatehouse_gate_deletions_total") >= 1, metrics);
        assertTrue(counter(metrics, "gatehouse_verifications_requested_total") >= 1, metrics);
    }

    @Test
    void managementIsServedOnlyOnItsOwnPortOnLoopback() throws Exception {
        for (String path : List.of("/manage/health", "/manage/prometheus", "/manage/health/liveness")) {
            assertEquals(404, send(URI.create(settings.get("gatehouse.web.public-base-url") + path)).statusCode(), "public port: " + path);
        }
        HttpResponse<String> health = management("/manage/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\"") && health.body().contains("jdbc"), "health with details: " + health.body());
        assertEquals(200, management("/manage/prometheus").statusCode());
        assertEquals(404, management("/health").statusCode(), "the management port serves nothing of the pages");
        assertEquals(404, management("/verify/" + "x".repeat(43)).statusCode());
        assertEquals(200, send(URI.create(settings.get("gatehouse.web.public-base-url") + "/health")).statusCode());

        InetAddress outward = outwardAddress();
        if (outward != null) {
            try (Socket socket = new Socket()) {
                assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(outward, managementPort()), 2_000),
                        "the management port is bound to 127.0.0.1 only, not to " + outward);
            }
        }
    }

    private static int managementPort() {
        return (Integer) settings.get("gatehouse.management.port");
    }

    private static HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return send(URI.create("http://127.0.0.1:" + managementPort() + path));
    }

    private static HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A non-loopback address of this machine, if it has one. */
    private static InetAddress outwardAddress() throws IOException {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address) {
                    return address;
                }
            }
        }
        return null;
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(settings.get("gatehouse.web.public-base-url") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private static double counter(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }

    @Test
    void aMemberWhoseDiscordSpeaksGermanGetsTheReplyTheEmailAndThePageInGerman() throws Exception {
        JsonNode verify = discord.registeredCommands().get("verify");
        assertEquals("verifizieren", verify.get("name_localizations").get("de").asText(), verify.toString());
        assertEquals("Verifizieren Sie sich als Mitglied der Organisation", verify.get("description_localizations").get("de").asText());
        assertEquals("benutzer_id", verify.get("options").get(0).get("name_localizations").get("de").asText());
        assertEquals("vérifier", verify.get("name_localizations").get("fr").asText());
        assertEquals("remover-verificação", discord.registeredCommands().get("unverify").get("name_localizations").get("pt-BR").asText());

        discord.setUserLocale(ERIKA, "de");
        int before = smtp.getReceivedMessages().length;
        FakeInteraction request = discord.slashCommand(GUILD, TEXT, ERIKA, "verify", CommandOption.string("user_id", "emueller"));
        String reply = request.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(reply.startsWith("Falls diese ID im Verzeichnis steht") && reply.contains("läuft in 10 Minuten ab"), reply);
        assertTrue(smtp.waitForIncomingEmail(WAIT.toMillis(), before + 1), "the verification email arrives");
        MimeMessage email = smtp.getReceivedMessages()[before];
        assertEquals("Bestätigen Sie Ihr Discord-Konto für CS 101", email.getSubject());
        String raw = new String(email.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("=\r\n", "").replace("=\n", "");
        Matcher link = LINK.matcher(raw);
        assertTrue(link.find() && link.group(1).equals("verify"), raw);

        WebDriver driver = browser.driver();
        driver.get(link.group());
        String preview = driver.findElement(By.tagName("body")).getText();
        assertTrue(preview.contains("Dieses Discord-Konto mit Ihnen verknüpfen?") && preview.contains("Erika Müller"), preview);
        assertEquals("de", driver.findElement(By.tagName("html")).getAttribute("lang"));
        String done = press(driver, "Bestätigen");
        assertTrue(done.contains("Sie sind verifiziert"), done);
        discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + ERIKA + "/roles/" + VERIFIED_ROLE, WAIT);
    }

    @Test
    void theMailboxOwnerDeniesAndTheRequesterIsBlocked() throws Exception {
        List<String> links = verifyAndReadEmail(CAROL, "bsmith", "bob.smith@uni.example.edu");

        WebDriver driver = browser.driver();
        driver.get(links.get(1));
        String done = press(driver, "This wasn’t me");
        assertTrue(done.contains("Request turned down"), done);

        FakeInteraction again = discord.slashCommand(GUILD, TEXT, CAROL, "verify", CommandOption.string("user_id", "bsmith"));
        String reply = again.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertFalse(reply.contains("10 minutes"), "no new link after a denial: " + reply);
        discord.assertNoRequest("PUT", "/guilds/" + GUILD + "/members/" + CAROL + "/roles/.*", Duration.ofSeconds(1));
    }

    @Test
    void aLinkEmailedBeforeARestartStillConfirmsAfterIt() throws Exception {
        discord.setUserLocale(DAVE, "ko");
        List<String> links = verifyAndReadEmail(DAVE, "dlee", "dan.lee@uni.example.edu");
        assertEquals("Confirm your Discord account for CS 101", smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1]
                .getSubject(), "a language Gatehouse doesn't speak (Korean) falls back to English, in Discord and the email");

        app.close();
        app = startApp();

        WebDriver driver = browser.driver();
        driver.get(links.get(0));
        press(driver, "Confirm");
        discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + DAVE + "/roles/" + VERIFIED_ROLE, WAIT);
    }
}
