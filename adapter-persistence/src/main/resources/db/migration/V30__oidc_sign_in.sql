-- Sign-in with a tenant's OpenID Connect provider.
--
-- A tenant's provider settings sit beside its row. The client secret is AES-256-GCM ciphertext made with the
-- application's secrets key, like the hand-off secret (V4); the key's id is stored beside it.
CREATE TABLE tenant_oidc (
    tenant_id            text PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    issuer               text,
    client_id            text,
    secret_key_id        text,
    secret_sealed        bytea,
    scopes               text[]      NOT NULL,
    user_claim           text        NOT NULL,
    authority            text        NOT NULL,
    groups_claim         text        NOT NULL,
    login_problem        text,
    CONSTRAINT tenant_oidc_sealed_secret_is_whole CHECK ((secret_key_id IS NULL) = (secret_sealed IS NULL)),
    CONSTRAINT tenant_oidc_secret_key_id_format CHECK (secret_key_id ~ '^[0-9a-f]{16}$'),
    CONSTRAINT tenant_oidc_authority_known CHECK (authority IN ('DIRECTORY_REQUIRED', 'PROVIDER'))
);

-- Sign-ins waiting for the provider, found by the SHA-256 hex of the link token or of the state; the nonce and the
-- PKCE verifier are kept as hashes only, and none of the provider's tokens is ever stored.
CREATE TABLE sign_in_requests (
    link_hash            text PRIMARY KEY,
    tenant_id            text        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    guild_id             bigint      NOT NULL,
    guild_name           text        NOT NULL,
    requester_id         bigint      NOT NULL,
    requester_name       text        NOT NULL,
    state_hash           text,
    nonce_hash           text,
    verifier_hash        text,
    created_at           timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    state                text        NOT NULL,
    CONSTRAINT sign_in_requests_hashes_are_sha256 CHECK (link_hash ~ '^[0-9a-f]{64}$' AND state_hash ~ '^[0-9a-f]{64}$'
        AND nonce_hash ~ '^[0-9a-f]{64}$' AND verifier_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT sign_in_requests_binding_is_whole CHECK ((state_hash IS NULL) = (nonce_hash IS NULL)
        AND (state_hash IS NULL) = (verifier_hash IS NULL)),
    CONSTRAINT sign_in_requests_state_known CHECK (state IN ('PENDING', 'CONFIRMED', 'SUPERSEDED', 'EXPIRED'))
);
CREATE UNIQUE INDEX sign_in_requests_one_pending ON sign_in_requests (tenant_id, requester_id) WHERE state = 'PENDING';
CREATE UNIQUE INDEX sign_in_requests_by_state ON sign_in_requests (state_hash);
CREATE INDEX sign_in_requests_pending_expiry ON sign_in_requests (expires_at) WHERE state = 'PENDING';
CREATE INDEX sign_in_requests_by_tenant_expiry ON sign_in_requests (tenant_id, expires_at);
