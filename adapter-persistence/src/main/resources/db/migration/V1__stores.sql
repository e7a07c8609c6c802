-- Gatehouse stores. Every table is keyed by tenant (member_updates through its guild).
-- Discord snowflakes are BIGINT; times are timestamptz; tokens appear only as SHA-256 hex.

CREATE TABLE tenants (
    tenant_id            text PRIMARY KEY,
    display_name         text        NOT NULL,
    session_lifetime     interval    NOT NULL,
    unknown_user_reply   text        NOT NULL,
    relink_policy        text        NOT NULL,
    guild_binding        text        NOT NULL,
    -- rate rules as "limit/ISO-8601 window" items separated by commas, e.g. "3/PT1H,10/P1D"
    per_discord_user     text        NOT NULL,
    per_directory_user   text        NOT NULL,
    per_tenant           text        NOT NULL,
    denial_block         interval    NOT NULL
);

CREATE SEQUENCE guild_versions;

CREATE TABLE guilds (
    guild_id             bigint PRIMARY KEY,
    tenant_id            text        NOT NULL REFERENCES tenants (tenant_id),
    verified_role_id     bigint,
    gate_messages        boolean     NOT NULL,
    set_nickname         boolean     NOT NULL,
    dm_on_join           boolean     NOT NULL,
    log_channel_id       bigint,
    -- grows on every save, so caches fed by NOTIFY never go back to an older state
    version              bigint      NOT NULL DEFAULT nextval('guild_versions')
);
CREATE INDEX guilds_by_tenant ON guilds (tenant_id, guild_id);

-- No foreign key to tenants: checking it row by row more than doubled the time of a 1,000,000-user import.
-- Writers check that the tenant exists instead (tenants are never deleted).
CREATE TABLE directory_users (
    tenant_id            text        NOT NULL,
    user_id              text        NOT NULL,
    email                text        NOT NULL,
    display_name         text        NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE SEQUENCE link_versions;

CREATE TABLE links (
    tenant_id            text        NOT NULL,
    discord_user_id      bigint      NOT NULL,
    directory_user_id    text        NOT NULL,
    linked_at            timestamptz NOT NULL,
    origin               text        NOT NULL,
    -- the membership index applies a change only if it is newer than what it holds
    version              bigint      NOT NULL DEFAULT nextval('link_versions'),
    CONSTRAINT links_one_per_discord_user PRIMARY KEY (tenant_id, discord_user_id),
    CONSTRAINT links_one_per_directory_user UNIQUE (tenant_id, directory_user_id)
);
CREATE INDEX links_by_time ON links (tenant_id, linked_at, discord_user_id);

CREATE TABLE sessions (
    session_id           uuid PRIMARY KEY,
    tenant_id            text        NOT NULL,
    guild_id             bigint      NOT NULL,
    guild_name           text        NOT NULL,
    requester_id         bigint      NOT NULL,
    requester_name       text        NOT NULL,
    directory_user_id    text        NOT NULL,
    token_hash           text        NOT NULL CONSTRAINT sessions_token_hash_unique UNIQUE,
    created_at           timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    state                text        NOT NULL,
    CONSTRAINT sessions_token_hash_is_sha256 CHECK (token_hash ~ '^[0-9a-f]{64}$')
);
-- at most one PENDING session per requester and tenant: the newest replaces the others
CREATE UNIQUE INDEX sessions_one_pending ON sessions (tenant_id, requester_id) WHERE state = 'PENDING';
CREATE INDEX sessions_pending_expiry ON sessions (expires_at) WHERE state = 'PENDING';

CREATE TABLE member_updates (
    update_id            uuid PRIMARY KEY,
    guild_id             bigint      NOT NULL,
    member_id            bigint      NOT NULL,
    change_kind          text        NOT NULL,
    role_id              bigint,
    nickname             text,
    reason               text        NOT NULL,
    created_at           timestamptz NOT NULL,
    -- when the update may be claimed next: creation, end of a lease, or a retry time
    due_at               timestamptz NOT NULL,
    attempts             integer     NOT NULL DEFAULT 0,
    last_error           text
);
CREATE INDEX member_updates_due ON member_updates (due_at, created_at);

-- one row per rate-limited key, locked by an upsert so each key's check-and-record is atomic
CREATE TABLE rate_limit_keys (
    key                  text PRIMARY KEY,
    touched_at           timestamptz NOT NULL
);

CREATE TABLE rate_limit_events (
    key                  text        NOT NULL,
    at                   timestamptz NOT NULL
);
CREATE INDEX rate_limit_events_by_key ON rate_limit_events (key, at);
CREATE INDEX rate_limit_events_by_time ON rate_limit_events (at);

CREATE TABLE rate_limit_failures (
    key                  text        NOT NULL,
    at                   timestamptz NOT NULL
);
CREATE INDEX rate_limit_failures_by_key ON rate_limit_failures (key, at);
CREATE INDEX rate_limit_failures_by_time ON rate_limit_failures (at);

CREATE TABLE rate_limit_blocks (
    key                  text PRIMARY KEY,
    blocked_until        timestamptz NOT NULL
);

CREATE TABLE audit_events (
    event_id             bigserial PRIMARY KEY,
    tenant_id            text        NOT NULL,
    action               text        NOT NULL,
    detail               text        NOT NULL,
    at                   timestamptz NOT NULL
);
CREATE INDEX audit_events_recent ON audit_events (tenant_id, event_id DESC);
