package dev.gatehouse.core.model;

/** What a requester is told when the user id they gave is not in the directory. */
public enum UnknownUserReply {
    /** The same reply as for a known id, so ids can't be enumerated (default). */
    SAME_AS_KNOWN,
    /** "Invalid user id": friendlier, but reveals which ids exist; known ids then show the masked address. */
    INVALID_USER_ID
}
