package dev.gatehouse.core.model;

/** How a link came about. */
public enum LinkOrigin {
    /** The member confirmed an emailed link. */
    EMAIL,
    /** The organisation's site vouched for the member through the signed hand-off. */
    HANDOFF,
    /** The organisation's identity provider signed the member in (OpenID Connect). */
    OIDC,
    /** An admin linked the member by hand. */
    ADMIN,
    /** Brought in from another system's data (e.g. the tutorial bot's database.json). */
    IMPORT
}
