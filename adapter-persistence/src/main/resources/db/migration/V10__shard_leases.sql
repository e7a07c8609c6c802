-- A fleet of instances shares one bot token: who is alive, who owns which Discord shard, when each identify
-- bucket last identified, and which slash command set a deploy registered. The database every instance already
-- shares is the only coordinator; a lease not renewed within the expiry is void and its shard free.
CREATE TABLE fleet_instances (
    instance        text PRIMARY KEY,
    last_heartbeat  timestamptz NOT NULL
);

CREATE TABLE shard_leases (
    shard       integer PRIMARY KEY CHECK (shard >= 0),
    owner       text        NOT NULL,
    renewed_at  timestamptz NOT NULL
);

CREATE TABLE gateway_identifies (
    bucket  integer     NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX gateway_identifies_at ON gateway_identifies (at);
CREATE INDEX gateway_identifies_bucket_at ON gateway_identifies (bucket, at);

CREATE TABLE command_registrations (
    command_set_hash  text PRIMARY KEY,
    registered_by     text        NOT NULL,
    registered_at     timestamptz NOT NULL
);
