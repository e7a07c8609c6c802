package dev.gatehouse.core.model;

/** How a tenant's members prove who they are. */
public enum VerificationMethod {
    /** A one-time link emailed to the address in the directory. */
    EMAIL_LINK,
    /** A signed hand-off to the organisation's own website, which calls back with the member id. */
    SITE_HANDOFF,
    /** A sign-in with the organisation's OpenID Connect provider. */
    OIDC
}
