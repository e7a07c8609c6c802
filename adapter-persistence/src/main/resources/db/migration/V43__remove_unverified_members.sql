-- Servers may remove members who haven't verified within a time of joining (off by default): the time in whole
-- seconds, and the members counted, from joining (or from when the bot reported them present) until they verify,
-- leave or are removed. warned_at is set by the one sweep that queued the member's warning.
ALTER TABLE guilds
    ADD COLUMN remove_unverified_after_seconds bigint,
    ADD CONSTRAINT guilds_remove_unverified_range
        CHECK (remove_unverified_after_seconds BETWEEN 60 AND 365 * 86400);

CREATE TABLE arrivals (
    guild_id  bigint      NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    member_id bigint      NOT NULL,
    joined_at timestamptz NOT NULL,
    warned_at timestamptz,
    PRIMARY KEY (guild_id, member_id)
);
CREATE INDEX arrivals_unwarned ON arrivals (guild_id, joined_at) WHERE warned_at IS NULL;
CREATE INDEX arrivals_warned ON arrivals (guild_id, joined_at) WHERE warned_at IS NOT NULL;
