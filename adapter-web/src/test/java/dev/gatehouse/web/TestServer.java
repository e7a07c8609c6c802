package dev.gatehouse.web;

import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.SignInWithProvider;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The web adapter on a real Micronaut HTTP server, bound to 127.0.0.1, driving a real core with in-memory
 * stores. Its public base URL is its own address, so the links in the captured emails open this server.
 */
final class TestServer implements AutoCloseable {
    final GatehouseFixture core;
    final URI base;
    private final ApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestServer(GatehouseFixture core, URI base, ApplicationContext context) {
        this.core = core;
        this.base = base;
        this.context = context;
    }

    /** Starts a server; {@code settings} adds or overrides configuration such as {@code gatehouse.web.trusted-proxies}. */
    static TestServer start(Map<String, Object> settings) {
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        GatehouseFixture core = new GatehouseFixture(base);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", port);
        properties.put("gatehouse.web.public-base-url", base.toString());
        properties.putAll(settings);
        ApplicationContext context = ApplicationContext.builder().properties(properties).build();
        context.registerSingleton(ReviewVerification.class, core.reviewVerification());
        context.registerSingleton(CompleteHandoff.class, core.completeHandoff());
        context.registerSingleton(SignInWithProvider.class, core.gatehouse().signInWithProvider());
        context.start();
        context.getBean(EmbeddedServer.class).start();
        return new TestServer(core, base, context);
    }

    ApplicationContext context() {
        return context;
    }

    HttpResponse<String> get(String pathOrUrl, String... headers) {
        return send("GET", pathOrUrl, headers);
    }

    HttpResponse<String> head(String pathOrUrl, String... headers) {
        return send("HEAD", pathOrUrl, headers);
    }

    /** A POST as the page's form sends it: form-encoded, empty. */
    HttpResponse<String> post(String pathOrUrl, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", pathOrUrl, all);
    }

    HttpResponse<String> send(String method, String pathOrUrl, String... headers) {
        return send(method, pathOrUrl, method.equals("POST") || method.equals("PUT") ? BodyPublishers.ofString("") : BodyPublishers.noBody(),
                headers);
    }

    /** A POST with this body and content type. */
    HttpResponse<String> postBody(String pathOrUrl, String contentType, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = contentType;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", pathOrUrl, BodyPublishers.ofString(body, StandardCharsets.UTF_8), all);
    }

    HttpResponse<String> send(String method, String pathOrUrl, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathOrUrl))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        core.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
