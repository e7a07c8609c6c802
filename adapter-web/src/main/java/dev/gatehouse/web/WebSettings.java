package dev.gatehouse.web;

import dev.gatehouse.core.port.out.VerificationLinks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings of the link pages, under {@code gatehouse.web}:
 * <ul>
 * <li>{@code public-base-url} (required): the address people reach the pages at, e.g.
 *     {@code https://verify.example.edu}; emailed links are built from it, never from a request's Host header;</li>
 * <li>{@code trusted-proxies}: addresses or CIDR ranges of reverse proxies whose forwarding header is believed
 *     (default: none, so the socket peer is the client);</li>
 * <li>{@code client-ip-header}: the header those proxies set, {@code X-Forwarded-For} (default) or
 *     {@code Forwarded} (RFC 7239). Only this one header is read.</li>
 * </ul>
 * Checked when the application starts: a bad value stops it with a message naming the key.
 */
@Context
@ConfigurationProperties("gatehouse.web")
public record WebSettings(
        URI publicBaseUrl,
        @Nullable List<String> trustedProxies,
        @Nullable @Bindable(defaultValue = "X-Forwarded-For") String clientIpHeader) {

    private static final Logger LOG = LoggerFactory.getLogger(WebSettings.class);
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public WebSettings {
        if (publicBaseUrl == null) {
            throw new IllegalArgumentException("gatehouse.web.public-base-url is required: the https address of the link pages");
        }
        try {
            VerificationLinks.under(publicBaseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatehouse.web.public-base-url: " + e.getMessage(), e);
        }
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        TrustedProxies.parse(trustedProxies);
        clientIpHeader = clientIpHeader == null || clientIpHeader.isBlank() ? "X-Forwarded-For" : clientIpHeader.strip();
        if (!HEADER_NAME.matcher(clientIpHeader).matches()) {
            throw new IllegalArgumentException("gatehouse.web.client-ip-header: '" + clientIpHeader + "' is not a header name");
        }
        if (publicBaseUrl.getScheme().toLowerCase(Locale.ROOT).equals("http") && !isLoopback(publicBaseUrl.getHost())) {
            LOG.warn("gatehouse.web.public-base-url uses plain http: emailed links would travel unencrypted; use https in production");
        }
    }

    /** Settings with no trusted proxy. */
    public static WebSettings of(URI publicBaseUrl) {
        return new WebSettings(publicBaseUrl, List.of(), null);
    }

    /** The confirm and deny links for emails, under {@link #publicBaseUrl()}. */
    public VerificationLinks verificationLinks() {
        return VerificationLinks.under(publicBaseUrl);
    }

    private static boolean isLoopback(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return host.equalsIgnoreCase("localhost")
                || IpAddresses.parseLiteral(literal).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
