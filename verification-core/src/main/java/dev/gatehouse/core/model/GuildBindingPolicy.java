package dev.gatehouse.core.model;

/** Who may bind a Discord server to a tenant, and so let its members verify against the directory. */
public enum GuildBindingPolicy {
    /** Only the operator (CLI or host code) binds servers (default). */
    OPERATOR_ONLY,
    /** Any server's admins may bind their server with {@code /gatehouse setup}. */
    GUILD_ADMINS
}
