-- Log channel notices written on an instance that doesn't own the guild's Discord shard wait here until the owner
-- takes them (a DELETE ... RETURNING, so each is posted once). The shard is computed from guild_id when taken.
CREATE TABLE relayed_notices (
    notice_id   uuid PRIMARY KEY,
    guild_id    bigint      NOT NULL,
    channel_id  bigint      NOT NULL,
    text        text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX relayed_notices_created ON relayed_notices (created_at);
