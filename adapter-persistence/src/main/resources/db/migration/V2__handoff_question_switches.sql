-- Hand-off to the organisation's site, the verification question, per-server switches, the wrong-answer log.
-- Rows from V1 keep their behaviour: emailed links, no question, verification on, no verify-on-join, no kicks.
-- A question is a prompt plus its accepted answers as text[] in the order given (possibly empty); both are NULL
-- when there is no question.

ALTER TABLE tenants
    ADD COLUMN method               text        NOT NULL DEFAULT 'EMAIL_LINK',
    ADD COLUMN handoff_site_url     text,
    -- the shared HMAC key: the adapter must sign with it, so it can't be kept as a hash
    ADD COLUMN handoff_secret       text,
    ADD COLUMN handoff_lifetime     interval    NOT NULL DEFAULT interval '30 minutes',
    ADD COLUMN question_prompt      text,
    ADD COLUMN question_answers     text[],
    ADD CONSTRAINT tenants_question_is_whole CHECK ((question_prompt IS NULL) = (question_answers IS NULL)),
    ADD CONSTRAINT tenants_question_answers_not_null CHECK (array_position(question_answers, NULL) IS NULL);

ALTER TABLE guilds
    ADD COLUMN enabled              boolean     NOT NULL DEFAULT true,
    ADD COLUMN verify_on_join       boolean     NOT NULL DEFAULT false,
    -- NULL: never kick
    ADD COLUMN kick_after           integer     CONSTRAINT guilds_kick_after_range CHECK (kick_after BETWEEN 1 AND 20),
    -- NULL: the tenant's question
    ADD COLUMN question_prompt      text,
    ADD COLUMN question_answers     text[],
    ADD CONSTRAINT guilds_question_is_whole CHECK ((question_prompt IS NULL) = (question_answers IS NULL)),
    ADD CONSTRAINT guilds_question_answers_not_null CHECK (array_position(question_answers, NULL) IS NULL);

-- Hand-offs waiting for the site's callback, found by the SHA-256 hex of the token's jti (never the jti itself).
CREATE TABLE handoff_requests (
    jti_hash             text PRIMARY KEY,
    tenant_id            text        NOT NULL,
    guild_id             bigint      NOT NULL,
    guild_name           text        NOT NULL,
    requester_id         bigint      NOT NULL,
    requester_name       text        NOT NULL,
    created_at           timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    state                text        NOT NULL,
    CONSTRAINT handoff_requests_jti_hash_is_sha256 CHECK (jti_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT handoff_requests_state_known CHECK (state IN ('PENDING', 'CONFIRMED', 'SUPERSEDED', 'EXPIRED'))
);
-- at most one PENDING hand-off per requester and tenant: the newest replaces the others
CREATE UNIQUE INDEX handoff_requests_one_pending ON handoff_requests (tenant_id, requester_id) WHERE state = 'PENDING';
CREATE INDEX handoff_requests_pending_expiry ON handoff_requests (expires_at) WHERE state = 'PENDING';

-- Wrong answers as typed (control characters replaced, at most 100 characters) with the normalised form they are
-- grouped by; the normalisation (NFKC, lower case, letters and digits only) is the core's, done before insert.
CREATE TABLE wrong_answers (
    answer_id            bigserial PRIMARY KEY,
    tenant_id            text        NOT NULL,
    guild_id             bigint      NOT NULL,
    member_id            bigint      NOT NULL,
    original             text        NOT NULL,
    normalised           text        NOT NULL,
    at                   timestamptz NOT NULL
);
CREATE INDEX wrong_answers_by_tenant ON wrong_answers (tenant_id, normalised);
