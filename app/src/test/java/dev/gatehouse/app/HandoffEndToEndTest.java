package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.BotStatus;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.FakeModal;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-off with real parts: the app on PostgreSQL configured by the operator CLI, the real Javacord client
 * against the fake Discord asking the tenant's question in a form, and a fake organisation site that reads the
 * outbound token and posts back callbacks signed with Nimbus, good and bad.
 */
class HandoffEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "acme-and-gatehouse-share-this-long-secret";

    private static final long GUILD = 820_000_000_000_000_001L;
    private static final long TEXT = 820_000_000_000_000_010L;
    private static final long MEMBER_ROLE = 820_000_000_000_000_020L;
    private static final long BOT_ROLE = 820_000_000_000_000_021L;
    private static final long OWNER = 820_000_000_000_000_100L;
    private static final long ERIN = 820_000_000_000_000_101L;

    private static TestDatabase database;
    private static FakeDiscord discord;
    private static Map<String, Object> settings;
    private static ApplicationContext app;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OrganisationSite SITE = new OrganisationSite(SECRET);

    @TempDir
    static Path files;

    @BeforeAll
    static void startEverything() throws IOException {
        database = TestDatabase.createEmpty();
        discord = FakeDiscord.start();
        discord.guild(GUILD, "Acme Members", OWNER)
                .role(MEMBER_ROLE, "Member", 1, 0)
                .role(BOT_ROLE, "Gatehouse", 5, Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES)
                .textChannel(TEXT, "lobby")
                .member(OWNER, "owner")
                .member(ERIN, "erin")
                .botRoles(BOT_ROLE);
        port = freePort();
        settings = new HashMap<>();
        settings.put("datasources.default.url", database.jdbcUrl());
        settings.put("gatehouse.secrets.key", database.secretsKey());
        settings.put("micronaut.server.port", port);
        settings.put("gatehouse.management.port", freePort());
        settings.put("gatehouse.web.public-base-url", "http://localhost:" + port);
        settings.put("gatehouse.discord.token", FakeDiscord.TOKEN);

        Path secret = files.resolve("handoff.secret");
        Files.writeString(secret, SECRET + "\n", StandardCharsets.UTF_8);
        cli("tenant", "create", "acme", "--name", "Acme Members");
        cli("tenant", "method", "acme", "handoff", "--site-url", "https://members.acme.example/discord", "--secret-file",
                secret.toString());
        cli("tenant", "question", "acme", "--text", "What is the meaning of life?", "--answers", "42|forty-two");
        cli("guild", "bind", Long.toString(GUILD), "acme");

        app = ApplicationContext.builder()
                .properties(settings)
                .singletons((DiscordConnection) token -> discord.apiBuilder())
                .start();
        app.getBean(EmbeddedServer.class).start();
        try {
            assertInstanceOf(BotStatus.Connected.class, app.getBean(DiscordRunner.class).awaitConnected(Duration.ofSeconds(30)).orElseThrow());
        } catch (Exception e) {
            throw new AssertionError("the bot did not start", e);
        }
        FakeInteraction setup = discord.slashCommand(GUILD, TEXT, OWNER, "gatehouse",
                CommandOption.subcommand("setup", CommandOption.role("role", MEMBER_ROLE)));
        setup.awaitOriginalEdit(WAIT);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {app, discord, database}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void aMemberAnswersIsHandedOffAndTheSitesSignedCallbackLinksThemWhileBadCallbacksChangeNothing() throws Exception {
        FakeModal form = discord.slashCommand(GUILD, TEXT, ERIN, "verify").awaitModal(WAIT);
        assertEquals("What is the meaning of life?", form.input("answer").orElseThrow().label());
        FakeInteraction submitted = form.submit(Map.of("answer", "  FORTY two!! "));
        assertEquals(5, submitted.awaitCallback(WAIT).json().get("type").asInt());
        JsonNode reply = submitted.awaitOriginalEdit(WAIT).json();
        String link = reply.get("components").get(0).get("components").get(0).get("url").asText();
        assertTrue(link.startsWith("https://members.acme.example/discord?jwt="), link);
        String outbound = link.substring(link.indexOf("jwt=") + 4);

        // the organisation's site: the person signs in there, then it vouches for member A-1001
        JWTClaimsSet claims = SITE.receive(outbound);
        assertEquals(Long.toString(ERIN), claims.getStringClaim("user_id"));
        assertEquals(Long.toString(GUILD), claims.getStringClaim("guild_id"));
        assertEquals("erin", claims.getStringClaim("username"));
        Instant now = Instant.now();
        String good = SITE.callback(claims, "A-1001", now, Duration.ofMinutes(2));
        String otherSecret = new OrganisationSite("an-impostor-who-does-not-know-the-secret").callback(claims, "A-1001", now,
                Duration.ofMinutes(2));
        String expired = SITE.sign(new JWTClaimsSet.Builder(claims).claim("member_id", "A-1001")
                .expirationTime(Date.from(now.minusSeconds(5))).build(), "gatehouse-callback+jwt");

        assertEquals(401, post(otherSecret).statusCode());
        assertEquals(410, post(expired).statusCode());
        HttpResponse<String> retyped = post(outbound);
        assertEquals(400, retyped.statusCode());
        assertTrue(retyped.body().contains("wrong_type"), retyped.body());
        Stores stores = app.getBean(Stores.class);
        assertEquals(Optional.empty(), stores.links().findByDiscordUser(new TenantId("acme"), new DiscordUserId(ERIN)));
        discord.assertNoRequest("PUT", "/guilds/" + GUILD + "/members/" + ERIN + "/roles/.*", Duration.ofSeconds(1));

        HttpResponse<String> linked = post(good);
        assertEquals(200, linked.statusCode(), linked.body());
        discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + ERIN + "/roles/" + MEMBER_ROLE, WAIT);
        Link link1 = stores.links().findByDiscordUser(new TenantId("acme"), new DiscordUserId(ERIN)).orElseThrow();
        assertEquals(new DirectoryUserId("a-1001"), link1.directoryUser());
        assertEquals(LinkOrigin.HANDOFF, link1.origin());

        HttpResponse<String> replayed = post(good);
        assertEquals(409, replayed.statusCode());
        assertTrue(replayed.body().contains("already_used"), replayed.body());
        assertEquals(1, stores.links().count(new TenantId("acme")));
    }

    private static HttpResponse<String> post(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/handoff/acme/callback"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OperatorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), settings);
        assertEquals(0, status, () -> String.join(" ", args) + " failed: " + err.toString(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
