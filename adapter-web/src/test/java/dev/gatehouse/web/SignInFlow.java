package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.ClientSecret;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.RequestVerification.SignInReady;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A sign-in tenant in a {@link TestServer} against an {@link OidcProvider}, and the browser's steps, by hand. */
final class SignInFlow {
    static final TenantId TENANT = new TenantId("idp");
    static final String TENANT_NAME = "Acme Sign-In";
    static final GuildId GUILD = new GuildId(700000000000000009L);
    static final String GUILD_NAME = "Acme Lounge";
    static final RoleId ROLE = new RoleId(710000000000000009L);
    static final String CLIENT_ID = "gatehouse";
    private static final AtomicLong SEQUENCE = new AtomicLong(1);

    final TestServer server;
    final OidcProvider provider;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    SignInFlow(TestServer server, OidcProvider provider) {
        this.server = server;
        this.provider = provider;
        server.core.stores().tenants().save(TenantSettings.defaults(TENANT, TENANT_NAME).withMethod(VerificationMethod.OIDC)
                .withOidc(OidcSettings.none().withIssuer(provider.issuer()).withClientId(CLIENT_ID)
                        .withSecret(new ClientSecret("client-secret-of-gatehouse"))));
        server.core.stores().guilds().save(GuildSettings.boundTo(GUILD, TENANT).withVerifiedRole(ROLE));
    }

    /** A directory user of the sign-in tenant and a Discord account of their own. */
    record Person(DirectoryUser user, DiscordAccount discord) {
        String userName() {
            return user.id().value();
        }
    }

    Person person() {
        long n = SEQUENCE.getAndIncrement();
        DirectoryUser user = new DirectoryUser(TENANT, new DirectoryUserId("idp-user" + n), new EmailAddress("idp" + n + "@acme.example"),
                new DisplayName("Jane Doe " + n));
        server.core.stores().directory().save(user);
        return new Person(user, server.core.discordAccount("idp_member_" + n));
    }

    /** The browser after pressing the button: the provider's authorization URL, this browser's cookie, the state and nonce. */
    record Started(URI authorization, String cookie, String state, String nonce) {
    }

    URI verify(DiscordAccount who) {
        RequestResult result = server.core.gatehouse().requestVerification().request(
                new RequestCommand(GUILD, GUILD_NAME, who, Optional.empty(), Optional.empty()));
        if (!(result instanceof SignInReady ready)) {
            throw new AssertionError("expected a sign-in link, got " + result);
        }
        return ready.link();
    }

    Started start(DiscordAccount who) {
        URI link = verify(who);
        HttpResponse<String> page = send(link, null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Sign in with " + TENANT_NAME), page.body());
        HttpResponse<String> redirect = send(URI.create(link + "/start"), null);
        assertEquals(302, redirect.statusCode(), redirect.body());
        URI authorization = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        String setCookie = redirect.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly") && setCookie.contains("SameSite=Lax")
                && setCookie.contains("Max-Age=600"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String value = cookie.substring(cookie.indexOf('=') + 1);
        return new Started(authorization, cookie, query(authorization, "state"), value.substring(0, value.indexOf('.')));
    }

    /** The provider's non-interactive authorization endpoint: its redirect back to Gatehouse, with code and state. */
    URI authorize(Started started) {
        HttpResponse<String> answer = send(started.authorization(), null);
        assertEquals(302, answer.statusCode(), answer.body());
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    HttpResponse<String> callback(URI callback, String cookie) {
        return send(callback, cookie);
    }

    /** ID token claims the provider would sign for this person and sign-in; change them to make a bad one. */
    Map<String, Object> claims(Started started, String userName) {
        Instant now = Instant.now();
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", provider.issuer().toString());
        claims.put("aud", CLIENT_ID);
        claims.put("sub", "sub-" + userName);
        claims.put("iat", Date.from(now));
        claims.put("exp", Date.from(now.plusSeconds(300)));
        claims.put("nonce", started.nonce());
        claims.put("preferred_username", userName);
        return claims;
    }

    boolean linked(DiscordAccount who) {
        return server.core.stores().links().findByDiscordUser(TENANT, who.id()).isPresent();
    }

    long outbox() {
        return server.core.stores().memberUpdates().depth(Instant.now().plusSeconds(3600)).pending();
    }

    private HttpResponse<String> send(URI uri, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
