package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeInteraction;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in with the organisation's identity provider through the packaged jar: the operator configures the tenant
 * with the jar's {@code tenant method … oidc}, {@code status} checks discovery, and a member goes from the Discord
 * reply's button through the provider's login form (mock-oauth2-server, interactive, in this JVM) back to Gatehouse,
 * and the fake Discord sees the role granted.
 */
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcSignInIT {
    private static final long GUILD = 830_000_000_000_000_001L;
    private static final long TEXT = 830_000_000_000_000_011L;
    private static final long VERIFIED = 830_000_000_000_000_021L;
    private static final long STAFF = 830_000_000_000_000_041L;
    private static final long BOT = 830_000_000_000_000_031L;
    private static final long OWNER = 830_000_000_000_000_100L;
    private static final long ADMIN = 830_000_000_000_000_101L;
    private static final long ALICE = 830_000_000_000_000_102L;
    private static final long BOB = 830_000_000_000_000_103L;

    private static MockOAuth2Server provider;
    private static Product product;
    private static FakeDiscord discord;

    @BeforeAll
    static void anOperatorConfiguresTheProvider() throws Exception {
        provider = new MockOAuth2Server(new OAuth2Config(true, null, null, false,
                new OAuth2TokenProvider(new KeyProvider(), Instant::now), Set.of(), new MockWebServerWrapper()));
        provider.start(InetAddress.getLoopbackAddress(), 0);
        product = Product.create("oidc", AcceptanceDatabase.embedded("oidc"));
        discord = product.discord();
        product.server(new Product.ServerIds(GUILD, TEXT, VERIFIED, STAFF, BOT), "Uni Lounge", "Verified", OWNER, ADMIN)
                .member(ALICE, "alice")
                .member(BOB, "bob");
        product.startAndAwaitBot();
        product.tenant("uni", "Uni", "jdoe42,jane.doe@uni.example.edu,Jane Doe\n", GUILD);
        Path secret = PackagedApp.artifacts().resolve("oidc-client-secret");
        Files.writeString(secret, "the-client-secret\n", StandardCharsets.UTF_8);
        String configured = product.cli("tenant", "method", "uni", "oidc", "--issuer", provider.issuerUrl("uni").toString(),
                "--client-id", "gatehouse", "--client-secret-file", secret.toString(), "--claim", "sub");
        assertTrue(configured.contains("/sign-in/callback"), configured);
        assertTrue(product.setup(GUILD, TEXT, ADMIN, VERIFIED).contains("Gatehouse is set up here"));
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    @Order(1)
    void aMemberSignsInFromTheDiscordButtonAndGetsTheRole() throws Exception {
        String status = product.cli("status");
        assertTrue(status.contains("discovery OK"), status);

        FakeInteraction verify = discord.slashCommand(GUILD, TEXT, ALICE, "verify");
        JsonNode reply = verify.awaitOriginalEdit(Product.WAIT).json();
        assertTrue(reply.get("content").asText().contains("sign in"), reply.toString());
        String button = reply.get("components").get(0).get("components").get(0).get("url").asText();

        WebDriver browser = product.browser();
        browser.get(button);
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("alice"));
        browser.findElement(By.id("sign-in")).click();
        WebDriverWait wait = new WebDriverWait(browser, Product.WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys("jdoe42");
        browser.findElement(By.name("username")).submit();
        String done = wait.until(d -> {
            String text = d.findElement(By.tagName("body")).getText();
            return text.contains("verified") ? text : null;
        });

        assertTrue(done.contains("Jane Doe"), done);
        discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + ALICE + "/roles/" + VERIFIED, Product.WAIT);
        assertEquals(List.of("jdoe42"), product.linkedDirectoryUser("uni", ALICE));
    }

    @Test
    @Order(2)
    void aClaimTheProviderDoesNotSendIsReportedByStatusWithTheClaimsItDidSend() throws Exception {
        product.cli("tenant", "method", "uni", "oidc", "--claim", "employee_number");
        FakeInteraction verify = discord.slashCommand(GUILD, TEXT, BOB, "verify");
        String button = verify.awaitOriginalEdit(Product.WAIT).json().get("components").get(0).get("components").get(0)
                .get("url").asText();

        WebDriver browser = product.browser();
        browser.get(button);
        browser.findElement(By.id("sign-in")).click();
        WebDriverWait wait = new WebDriverWait(browser, Product.WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys("jdoe42");
        browser.findElement(By.name("username")).submit();
        String refused = wait.until(d -> {
            String text = d.findElement(By.tagName("body")).getText();
            return text.contains("Nothing was linked") ? text : null;
        });

        assertTrue(refused.contains("didn’t say who you are"), refused);
        assertEquals(List.of(), product.linkedDirectoryUser("uni", BOB));
        String status = product.cli("status");
        assertTrue(status.contains("no usable claim \"employee_number\"") && status.contains("sub"), status);
    }

    @Test
    @Order(3)
    void statusReportsAnUnreachableIssuer() {
        product.cli("tenant", "method", "uni", "oidc", "--issuer", "http://127.0.0.1:9/nowhere");

        String status = product.cli("status");

        assertTrue(status.contains("discovery failed") && status.contains("can't be reached"), status);
    }
}
