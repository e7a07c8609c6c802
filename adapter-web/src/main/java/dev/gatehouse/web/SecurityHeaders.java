package dev.gatehouse.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import jakarta.inject.Singleton;

/**
 * Puts the security headers on every response, error pages included: a strict Content-Security-Policy
 * (nothing but the page's own hashed style sheet, forms only to this site, no framing), no referrer (the
 * URL holds a token), no caching (pages show personal data), no MIME sniffing. It is the outermost filter,
 * so it also sees responses that other filters give without calling the route.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Singleton
final class SecurityHeaders implements Ordered {
    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    static final String REFERRER_POLICY = "Referrer-Policy";
    static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String FRAME_OPTIONS = "X-Frame-Options";

    private final String policy;

    SecurityHeaders(Stylesheet stylesheet) {
        this.policy = "default-src 'none'; style-src " + stylesheet.cspSource()
                + "; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    @ResponseFilter
    void secure(MutableHttpResponse<?> response) {
        apply(response);
    }

    /** Sets the headers on one response; also called by {@link Pages}, as Micronaut skips filters for unparsable requests. */
    void apply(MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        each(headers::set);
    }

    /** Gives every header name and value, for {@link WireSecurityHeaders}. */
    void each(java.util.function.BiConsumer<String, String> header) {
        header.accept(CONTENT_SECURITY_POLICY, policy);
        header.accept(REFERRER_POLICY, "no-referrer");
        header.accept(HttpHeaders.CACHE_CONTROL, "no-store");
        header.accept(CONTENT_TYPE_OPTIONS, "nosniff");
        header.accept(FRAME_OPTIONS, "DENY");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
