package dev.gatehouse.core.model;

/** Where a verification session stands. Expiry is also judged from {@code expiresAt}, so a PENDING row may be overdue. */
public enum SessionState {
    /** The link was sent and may still be used. */
    PENDING,
    /** The directory user confirmed; the account is linked. */
    CONFIRMED,
    /** The directory user said the request was not theirs. */
    DENIED,
    /** A newer request by the same member replaced it. */
    SUPERSEDED,
    /** The email could not be sent, so the link was withdrawn. */
    CANCELLED,
    /** Marked by the expiry sweep. */
    EXPIRED
}
