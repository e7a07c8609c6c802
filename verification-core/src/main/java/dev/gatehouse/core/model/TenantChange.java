package dev.gatehouse.core.model;

import dev.gatehouse.core.text.Languages;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change an operator makes to a tenant's settings. The core applies changes in order and validates the
 * result as a whole, so a list of changes is all or nothing. A new tenant setting is a component of
 * {@link TenantSettings} plus one record here.
 */
public sealed interface TenantChange {

    /**
     * The settings with this change made; throws {@link IllegalArgumentException} for a value the settings refuse.
     *
     * @param settings the tenant's current settings
     * @return the changed settings
     */
    TenantSettings applyTo(TenantSettings settings);

    /**
     * The name members see.
     *
     * @param displayName the new name
     */
    record Rename(String displayName) implements TenantChange {
        public Rename {
            displayName = Texts.requireText("tenant display name", displayName, 100).strip();
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withDisplayName(displayName);
        }
    }

    /**
     * How long an emailed link stays usable (1 minute to 24 hours).
     *
     * @param lifetime the lifetime
     */
    record LinkLifetime(Duration lifetime) implements TenantChange {
        public LinkLifetime {
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withSessionLifetime(lifetime);
        }
    }

    /**
     * Whether {@code /verify} with an unknown id says so, or answers as for a known one.
     *
     * @param reply what an unknown id is told
     */
    record UnknownIds(UnknownUserReply reply) implements TenantChange {
        public UnknownIds {
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withUnknownUserReply(reply);
        }
    }

    /**
     * Whether a member may move a directory user's link to another Discord account.
     *
     * @param policy the policy
     */
    record Relinking(RelinkPolicy policy) implements TenantChange {
        public Relinking {
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withRelinkPolicy(policy);
        }
    }

    /**
     * Who may bind servers to the tenant.
     *
     * @param policy who may bind
     */
    record ServerBinding(GuildBindingPolicy policy) implements TenantChange {
        public ServerBinding {
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withGuildBinding(policy);
        }
    }

    /**
     * How long finished links, hand-offs and wrong answers are kept.
     *
     * @param retention how long, 1 to 3650 days
     */
    record Retention(Duration retention) implements TenantChange {
        public Retention {
            Objects.requireNonNull(retention, "retention");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withRetention(retention);
        }
    }

    /** Members verify by an emailed link. The hand-off settings are kept for a later switch back. */
    record EmailMethod() implements TenantChange {
        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withMethod(VerificationMethod.EMAIL_LINK);
        }
    }

    /**
     * Members verify on the organisation's site. Each part left empty keeps what the tenant has, so site and secret
     * can be set one at a time.
     *
     * @param siteUrl the organisation's page, or empty to keep the tenant's
     * @param secret the signing secret, or empty to keep the tenant's
     * @param lifetime how long a hand-off stays usable, or empty to keep the tenant's
     */
    record HandoffMethod(Optional<URI> siteUrl, Optional<HandoffSecret> secret, Optional<Duration> lifetime)
            implements TenantChange {
        public HandoffMethod {
            Objects.requireNonNull(siteUrl, "siteUrl");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(lifetime, "lifetime");
            siteUrl.ifPresent(HandoffSettings::requireSiteUrl);
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            HandoffSettings handoff = settings.handoff();
            if (siteUrl.isPresent()) {
                handoff = handoff.withSiteUrl(siteUrl.get());
            }
            if (secret.isPresent()) {
                handoff = handoff.withSecret(secret.get());
            }
            if (lifetime.isPresent()) {
                handoff = handoff.withLifetime(lifetime.get());
            }
            return settings.withMethod(VerificationMethod.SITE_HANDOFF).withHandoff(handoff);
        }
    }

    /**
     * Members sign in with the organisation's OpenID Connect provider. Each part left empty keeps what the tenant has,
     * so the settings can be made one at a time.
     *
     * @param issuer the provider's issuer URL
     * @param clientId the client id the provider gave Gatehouse
     * @param secret the client secret
     * @param scopes the scopes asked for, including {@code openid}
     * @param userClaim the claim naming the directory user
     * @param authority whether the directory must hold the signed-in user
     * @param groupsClaim the claim carrying the user's groups
     */
    record OidcMethod(Optional<URI> issuer, Optional<String> clientId, Optional<ClientSecret> secret,
                      Optional<List<String>> scopes, Optional<String> userClaim, Optional<DirectoryAuthority> authority,
                      Optional<String> groupsClaim) implements TenantChange {
        public OidcMethod {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(userClaim, "userClaim");
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(groupsClaim, "groupsClaim");
            issuer.ifPresent(OidcSettings::requireIssuer);
            clientId = clientId.map(OidcSettings::requireClientId);
            scopes = scopes.map(OidcSettings::requireScopes);
            userClaim = userClaim.map(c -> OidcSettings.requireClaim("user claim", c));
            groupsClaim = groupsClaim.map(c -> OidcSettings.requireClaim("groups claim", c));
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            OidcSettings oidc = settings.oidc();
            oidc = issuer.map(oidc::withIssuer).orElse(oidc);
            oidc = clientId.map(oidc::withClientId).orElse(oidc);
            oidc = secret.map(oidc::withSecret).orElse(oidc);
            oidc = scopes.map(oidc::withScopes).orElse(oidc);
            oidc = userClaim.map(oidc::withUserClaim).orElse(oidc);
            oidc = authority.map(oidc::withAuthority).orElse(oidc);
            oidc = groupsClaim.map(oidc::withGroupsClaim).orElse(oidc);
            return settings.withMethod(VerificationMethod.OIDC).withOidc(oidc);
        }
    }

    /**
     * The question members of the tenant's servers answer first, or none. Servers may set their own.
     *
     * @param question the question, or empty for none
     */
    record Question(Optional<VerificationQuestion> question) implements TenantChange {
        public Question {
            Objects.requireNonNull(question, "question");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withQuestion(question);
        }
    }

    /**
     * The language of emails to members whose own language isn't known (one of {@link Languages#SUPPORTED}).
     *
     * @param language the language
     */
    record DefaultLanguage(Locale language) implements TenantChange {
        public DefaultLanguage {
            Objects.requireNonNull(language, "language");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withDefaultLanguage(language);
        }
    }

    /**
     * The zone in which emails and link pages show times.
     *
     * @param zone the zone
     */
    record TimeZone(ZoneId zone) implements TenantChange {
        public TimeZone {
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withTimeZone(zone);
        }
    }

    /**
     * How long a verification holds before the member must verify again, and how long before its end the member is
     * reminded; both are applied together, so a shorter lifetime and a shorter reminder can be set at once.
     *
     * @param lifetime forever, a fixed time, or until a yearly date; empty to keep the current one
     * @param reminderBefore the time before the lapse, zero for no reminder; empty to keep the current one
     */
    record Reverification(Optional<VerificationLifetime> lifetime, Optional<Duration> reminderBefore) implements TenantChange {
        public Reverification {
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(reminderBefore, "reminderBefore");
        }

        @Override
        public TenantSettings applyTo(TenantSettings settings) {
            return settings.withReverification(lifetime.orElse(settings.verificationLifetime()),
                    reminderBefore.orElse(settings.reminderBefore()));
        }
    }
}
