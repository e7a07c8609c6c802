package dev.gatehouse.core.model;

/** Who decides that a person signing in with the identity provider belongs: the directory, or the provider alone. */
public enum DirectoryAuthority {
    /** The claim must name a user in the tenant's directory; the nickname comes from the directory. */
    DIRECTORY_REQUIRED,
    /** Anyone the provider signs in belongs; the claim is the user id and the nickname comes from the {@code name} claim. */
    PROVIDER
}
