package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.VerificationToken;
import java.net.URI;
import java.util.Locale;

/**
 * Builds the confirm and deny links that go into an email, from a configured public base URL (never
 * from a request's Host header).
 */
public interface VerificationLinks {
    /**
     * {@return the link to the page that previews the request and offers Confirm}
     *
     * @param token the session's token, to be revealed only in the link
     */
    URI confirmLink(VerificationToken token);

    /**
     * {@return the link to the page that offers This wasn't me}
     *
     * @param token the session's token, to be revealed only in the link
     */
    URI denyLink(VerificationToken token);

    /**
     * The start page of a sign-in with the tenant's identity provider; by default {@code /sign-in/<token>} beside the confirm link.
     *
     * @param token the session's token
     * @return the page that starts the sign-in
     */
    default URI signInLink(VerificationToken token) {
        String confirm = confirmLink(token).toString();
        return URI.create(confirm.substring(0, confirm.lastIndexOf("/verify/")) + "/sign-in/" + token.reveal());
    }

    /**
     * {@code <base>/verify/<token>} and {@code <base>/deny/<token>}; the base must be an absolute http(s) URL.
     *
     * @param publicBaseUrl where the link pages are served, without query or fragment
     * @return the links under that address
     * @throws IllegalArgumentException if the address is not an absolute http(s) URL
     */
    static VerificationLinks under(URI publicBaseUrl) {
        String scheme = publicBaseUrl.getScheme() == null ? "" : publicBaseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!publicBaseUrl.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || publicBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("the public base URL must be an absolute http(s) URL, got " + publicBaseUrl);
        }
        if (publicBaseUrl.getQuery() != null || publicBaseUrl.getFragment() != null) {
            throw new IllegalArgumentException("the public base URL can't have a query or fragment: " + publicBaseUrl);
        }
        String base = publicBaseUrl.toString().replaceAll("/+$", "");
        return new VerificationLinks() {
            @Override
            public URI confirmLink(VerificationToken token) {
                return URI.create(base + "/verify/" + token.reveal());
            }

            @Override
            public URI denyLink(VerificationToken token) {
                return URI.create(base + "/deny/" + token.reveal());
            }
        };
    }
}
