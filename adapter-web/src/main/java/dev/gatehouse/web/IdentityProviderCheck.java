package dev.gatehouse.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Checks an identity provider's discovery document for the operator's {@code status}, with the sign-in's own client. */
public final class IdentityProviderCheck {
    private IdentityProviderCheck() {
    }

    /** What discovery found. */
    public sealed interface Outcome {
        /** The provider's configuration names these endpoints. */
        record Reachable(URI authorizationEndpoint, URI tokenEndpoint, URI jwks) implements Outcome {
            public Reachable {
                Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
                Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
                Objects.requireNonNull(jwks, "jwks");
            }
        }

        /** Unreachable, slow, or not an OpenID provider configuration for that issuer; {@code reason} says which. */
        record Unreachable(String reason) implements Outcome {
            public Unreachable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Fetches {@code <issuer>/.well-known/openid-configuration} (3 s to connect, 5 s to answer). */
    public static Outcome check(URI issuer) {
        OidcClient.Discovery discovery = new OidcClient(Duration.ofSeconds(3), Duration.ofSeconds(5), Clock.systemUTC()).discover(issuer);
        if (discovery instanceof OidcClient.Discovery.Found found) {
            var metadata = found.provider().metadata();
            return new Outcome.Reachable(metadata.getAuthorizationEndpointURI(), metadata.getTokenEndpointURI(), metadata.getJWKSetURI());
        }
        return new Outcome.Unreachable(((OidcClient.Discovery.Failed) discovery).reason());
    }
}
