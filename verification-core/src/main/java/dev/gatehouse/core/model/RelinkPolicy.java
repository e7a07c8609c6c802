package dev.gatehouse.core.model;

/** What happens when a directory user already linked to one Discord account verifies another. */
public enum RelinkPolicy {
    /** Refused; an admin must unlink first (default), so a banned member can't return with a new account. */
    REFUSE,
    /** The confirmed email moves the link to the new account; the old account loses its role. */
    ALLOW_SELF_SERVICE
}
