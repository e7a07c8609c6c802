package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.FakeGuild;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.web.HeadlessChromium;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The product as a user meets it: the packaged jar as a process, with the outside world in the test JVM (the fake
 * Discord it reaches through the standard proxy properties, GreenMail as its SMTP relay, headless Chromium opening the
 * emailed links) and a PostgreSQL whose rows the test can read. One per test class; scenarios that don't interfere
 * share it.
 */
public final class Product implements AutoCloseable {
    /** How long a step may take before the test fails (the app is a separate JVM on a shared 2-core machine). */
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** How long a bot login may take: a JVM start, the embedded database, Javacord's own identify pacing. */
    public static final Duration LOGIN = Duration.ofSeconds(90);
    public static final String SENDER = "gatehouse@uni.example.edu";
    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+/(verify|deny)/[A-Za-z0-9_-]{43}");

    private final String name;
    private final FakeDiscord discord;
    private final GreenMail smtp;
    private final AcceptanceDatabase database;
    private final PackagedApp app;
    private HeadlessChromium browser;

    private Product(String name, FakeDiscord discord, GreenMail smtp, AcceptanceDatabase database, PackagedApp app) {
        this.name = name;
        this.discord = discord;
        this.smtp = smtp;
        this.database = database;
        this.app = app;
    }

    /** Starts the fakes and prepares (does not start) the app on this database, with a bot token and an SMTP relay. */
    public static Product create(String name, AcceptanceDatabase database) {
        return create(name, database, Map.of());
    }

    /** As {@link #create(String, AcceptanceDatabase)}, with more settings (environment variables). */
    public static Product create(String name, AcceptanceDatabase database, Map<String, String> moreSettings) {
        FakeDiscord discord = FakeDiscord.start();
        GreenMail smtp = new GreenMail(new ServerSetup(PackagedApp.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.put("GATEHOUSE_DISCORD_TOKEN", FakeDiscord.TOKEN);
        settings.put("GATEHOUSE_SMTP_HOST", "127.0.0.1");
        settings.put("GATEHOUSE_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        settings.put("GATEHOUSE_SMTP_SECURITY", "NONE");
        settings.put("GATEHOUSE_SMTP_FROM", SENDER);
        settings.putAll(moreSettings);
        List<String> jvm = new ArrayList<>(discord.clientJvmArguments(PackagedApp.artifacts().resolve(name + "-truststore.p12")));
        jvm.add("-Xmx384m");
        return new Product(name, discord, smtp, database, PackagedApp.create(name, settings, jvm));
    }

    public FakeDiscord discord() {
        return discord;
    }

    public GreenMail smtp() {
        return smtp;
    }

    public PackagedApp app() {
        return app;
    }

    public AcceptanceDatabase database() {
        return database;
    }

    /** One headless Chromium for the class, started on first use. */
    public WebDriver browser() {
        if (browser == null) {
            browser = HeadlessChromium.phone();
        }
        return browser.driver();
    }

    /** The ids of a server laid out as the suite's servers are. */
    public record ServerIds(long guild, long text, long verified, long staff, long botRole) {
    }

    /**
     * Adds a server to the fake Discord: a verified role named {@code verifiedName}, a Staff role that may manage the
     * server, the bot's role above both with what it needs, one text channel, its owner and an admin holding Staff.
     * Add members to what it returns.
     */
    public FakeGuild server(ServerIds ids, String name, String verifiedName, long owner, long admin) {
        return discord.guild(ids.guild(), name, owner)
                .role(ids.verified(), verifiedName, 1, 0)
                .role(ids.staff(), "Staff", 3, Permissions.MANAGE_GUILD)
                .role(ids.botRole(), "Gatehouse", 5, Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES | Permissions.MANAGE_MESSAGES)
                .textChannel(ids.text(), "general")
                .member(owner, "owner")
                .member(admin, "admin", ids.staff())
                .botRoles(ids.botRole());
    }

    /**
     * The operator creates a tenant, imports its directory ({@code user_id,email,name} rows after the header) and binds
     * its servers, each as a CLI process; returns what the import printed.
     */
    public String tenant(String id, String name, String directoryRows, long... guilds) throws IOException {
        Path csv = PackagedApp.artifacts().resolve(this.name + "-" + id + ".csv");
        Files.writeString(csv, "user_id,email,name\n" + directoryRows, StandardCharsets.UTF_8);
        cli("tenant", "create", id, "--name", name);
        String imported = cli("import", id, csv.toString());
        for (long guild : guilds) {
            cli("guild", "bind", Long.toString(guild), id);
        }
        return imported;
    }

    /** Runs an operator command against the app's database, asserts it succeeded, and returns what it printed. */
    public String cli(String... args) {
        return OperatorCommand.succeed(app.environment(), args);
    }

    /** Starts the app and waits until the bot logged in to the fake and registered its commands. */
    public void startAndAwaitBot() {
        int logins = discord.readyCount();
        app.start();
        awaitBotLogin(logins + 1, LOGIN);
    }

    /** Restarts the app (SIGTERM, start) and waits for the bot's next login. */
    public void restartAndAwaitBot() {
        app.stop();
        startAndAwaitBot();
    }

    /** Waits for the {@code login}-th READY since the fake started, then for the command registration that follows it. */
    public void awaitBotLogin(int login, Duration timeout) {
        discord.awaitReadyCount(login, timeout);
        discord.awaitRequest("PUT", "/applications/\\d+/commands", timeout);
    }

    /** An admin runs {@code /gatehouse setup role:<role> gate:True}; returns the bot's reply. */
    public String setup(long guild, long channel, long admin, long role) {
        FakeInteraction setup = discord.slashCommand(guild, channel, admin, "gatehouse",
                CommandOption.subcommand("setup", CommandOption.role("role", role), CommandOption.bool("gate", true)));
        return setup.awaitOriginalEdit(WAIT).json().get("content").asText();
    }

    /**
     * The member runs {@code /verify user_id:<id>}; asserts the ephemeral "check your mail" reply and the email to
     * {@code address}, and returns its confirm and deny links.
     */
    public List<String> verifyAndReadEmail(long guild, long channel, long member, String userId, String address) throws Exception {
        Requested requested = verifyAndReadEmail(guild, channel, member, userId, address, "a verification link is on its way");
        return List.of(requested.confirmLink(), requested.denyLink());
    }

    /** What a member saw after {@code /verify}: the reply in Discord, and the email's subject and links. */
    public record Requested(String reply, String subject, String confirmLink, String denyLink) {
    }

    /** Runs /verify as the member, checks the reply contains {@code replyPart}, and reads the email that arrives. */
    public Requested verifyAndReadEmail(long guild, long channel, long member, String userId, String address, String replyPart)
            throws Exception {
        int before = smtp.getReceivedMessages().length;
        FakeInteraction verify = discord.slashCommand(guild, channel, member, "verify", CommandOption.string("user_id", userId));
        assertEquals(64, verify.awaitCallback(WAIT).json().get("data").get("flags").asInt(), "the reply is ephemeral");
        String reply = verify.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(reply.contains(replyPart), reply);
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
        assertTrue(confirm != null && deny != null, "both links are in the email: " + raw);
        return new Requested(reply, email.getSubject(), confirm, deny);
    }

    /** Opens the link in Chromium and returns the page's text. */
    public String open(String link) {
        WebDriver driver = browser();
        driver.get(link);
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Presses the button on the open page, waits for the page it posts to, and returns that page's text. */
    public String press(String buttonText) {
        WebDriver driver = browser();
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElements(By.cssSelector("button")).stream()
                .filter(b -> b.getText().contains(buttonText))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + buttonText + "' on " + driver.getCurrentUrl()))
                .click();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> HeadlessChromium.isReplaced(page));
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body"))).getText();
    }

    /** The states of the member's verification sessions in the tenant, oldest first, as stored. */
    public List<String> sessionStates(String tenant, long requester) throws SQLException {
        return strings("SELECT state FROM sessions WHERE tenant_id = ? AND requester_id = ? ORDER BY created_at",
                tenant, requester);
    }

    /** The languages kept with the member's verification sessions in the tenant, oldest first ("" where none). */
    public List<String> sessionLanguages(String tenant, long requester) throws SQLException {
        return strings("SELECT coalesce(language, '') FROM sessions WHERE tenant_id = ? AND requester_id = ? ORDER BY created_at",
                tenant, requester);
    }

    /** The directory user the Discord account is linked to in the tenant, if any. */
    public List<String> linkedDirectoryUser(String tenant, long discordUser) throws SQLException {
        return strings("SELECT directory_user_id FROM links WHERE tenant_id = ? AND discord_user_id = ?", tenant, discordUser);
    }

    /** How many role and nickname changes wait in the outbox. */
    public long outboxDepth() throws SQLException {
        try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM member_updates")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> strings(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {app, browser, discord, smtp::stop, database}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + part, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
