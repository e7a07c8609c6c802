package dev.gatehouse.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Discord's advice for a bot's gateway, from {@code GET /gateway/bot}: how many shards to run and how many
 * identifies may start at once ({@code session_start_limit.max_concurrency}). Uses the JVM's trust store and, unless a
 * proxy is given, its proxy settings.
 */
public final class GatewayRecommendation {
    private static final URI GATEWAY_BOT = URI.create("https://discord.com/api/v10/gateway/bot");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayRecommendation() {
    }

    /** What Discord answered. */
    public sealed interface Answer {
    }

    /**
     * Discord's recommendation.
     *
     * @param shards         the recommended shard count, at least 1
     * @param maxConcurrency identifies that may start at once, at least 1
     */
    public record Recommended(int shards, int maxConcurrency) implements Answer {
        /**
         * Checks the numbers.
         *
         * @throws IllegalArgumentException if either is below 1
         */
        public Recommended {
            if (shards < 1 || maxConcurrency < 1) {
                throw new IllegalArgumentException("shards and max_concurrency must be at least 1, got " + shards + " and "
                        + maxConcurrency);
            }
        }
    }

    /**
     * No recommendation: Discord unreachable, the token refused, or an answer that isn't one.
     *
     * @param reason what went wrong, for the log
     */
    public record Unavailable(String reason) implements Answer {
        /**
         * Checks the reason.
         *
         * @throws NullPointerException if it is missing
         */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Asks Discord, waiting at most {@code timeout}.
     *
     * @param token   the bot token
     * @param proxy   an HTTP proxy to use instead of the JVM's proxy settings
     * @param timeout how long to wait for the answer
     * @return the recommendation, or why there is none
     */
    public static Answer fetch(String token, Optional<Proxy> proxy, Duration timeout) {
        ProxySelector selector = proxy.filter(p -> p.address() instanceof InetSocketAddress)
                .map(p -> ProxySelector.of((InetSocketAddress) p.address())).orElse(ProxySelector.getDefault());
        HttpClient client = HttpClient.newBuilder().proxy(selector).connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(GATEWAY_BOT).timeout(timeout).header("Authorization", "Bot " + token)
                .header("User-Agent", "DiscordBot (gatehouse, 1)").GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Unavailable("GET /gateway/bot answered " + response.statusCode()
                        + (response.statusCode() == 401 ? " (the token was refused)" : ""));
            }
            return parse(response.body());
        } catch (IOException e) {
            return new Unavailable("GET /gateway/bot failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted while asking Discord for the gateway");
        }
    }

    /** Reads an answer of {@code GET /gateway/bot}. */
    static Answer parse(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            JsonNode shards = answer == null ? null : answer.get("shards");
            JsonNode concurrency = answer == null ? null : answer.path("session_start_limit").get("max_concurrency");
            if (shards == null || !shards.canConvertToInt() || concurrency == null || !concurrency.canConvertToInt()
                    || shards.asInt() < 1 || concurrency.asInt() < 1) {
                return new Unavailable("GET /gateway/bot answered without a usable shards and max_concurrency: "
                        + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
            }
            return new Recommended(shards.asInt(), concurrency.asInt());
        } catch (IOException e) {
            return new Unavailable("GET /gateway/bot answered something that isn't JSON");
        }
    }
}
