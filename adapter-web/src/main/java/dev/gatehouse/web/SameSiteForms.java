package dev.gatehouse.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.util.Locale;

/**
 * Lets the pages' own form posts through Micronaut's CORS filter. Under {@code Referrer-Policy: no-referrer}
 * browsers send such a post with {@code Origin: null}, or with the public origin; Micronaut's guard against
 * drive-by-localhost attacks forbids any non-local Origin whenever the Host it sees is local, which is the
 * case behind a reverse proxy that forwards {@code Host: 127.0.0.1}. Those two Origin values are not
 * cross-origin requests, so the header is dropped before that filter; any other Origin is left to it. The
 * link pages offer no CORS, so nothing else depends on the header.
 *
 * <p>On the hand-off callback the header is always dropped: there the signed token is the only credential, so a
 * post relayed by a browser from the organisation's site is as good as one from its server, and whether it got
 * through would otherwise depend on the Host header the proxy forwards. No CORS headers are added, so scripts on
 * other sites still can't read the answers.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SameSiteForms implements Ordered {
    private final String publicOrigin;

    SameSiteForms(WebSettings settings) {
        URI base = settings.publicBaseUrl();
        String port = base.getPort() < 0 ? "" : ":" + base.getPort();
        this.publicOrigin = (base.getScheme() + "://" + base.getHost() + port).toLowerCase(Locale.ROOT);
    }

    @RequestFilter
    void dropSameSiteOrigin(MutableHttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && (origin.equals("null") || origin.toLowerCase(Locale.ROOT).equals(publicOrigin)
                || CallbackReplies.isCallbackRequest(request))) {
            request.getHeaders().remove(HttpHeaders.ORIGIN);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
