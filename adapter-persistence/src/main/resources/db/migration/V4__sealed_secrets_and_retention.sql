-- Hand-off secrets encrypted at rest, and how long each tenant keeps finished sessions, hand-offs and wrong answers.
--
-- A secret is AES-256-GCM ciphertext (12-byte IV, then ciphertext and tag) made with a key from the application's
-- configuration, which never comes here; the key's id (16 hex digits) is stored beside it so the application knows
-- which of its keys opens it. SQL can't encrypt without the key, so the plaintext column from V2 stays for rows
-- written before this migration: the application encrypts them at its first start and empties the column.
ALTER TABLE tenants
    ADD COLUMN handoff_secret_key_id text,
    ADD COLUMN handoff_secret_sealed bytea,
    ADD COLUMN retention             interval    NOT NULL DEFAULT interval '30 days',
    ADD CONSTRAINT tenants_sealed_secret_is_whole CHECK ((handoff_secret_key_id IS NULL) = (handoff_secret_sealed IS NULL)),
    ADD CONSTRAINT tenants_secret_key_id_format CHECK (handoff_secret_key_id ~ '^[0-9a-f]{16}$'),
    ADD CONSTRAINT tenants_one_secret CHECK (handoff_secret IS NULL OR handoff_secret_sealed IS NULL),
    ADD CONSTRAINT tenants_retention_range CHECK (retention BETWEEN interval '1 day' AND interval '3650 days');

COMMENT ON COLUMN tenants.handoff_secret IS 'plaintext hand-off secret from before V4; encrypted into handoff_secret_sealed and emptied at the application''s first start';

-- the housekeeping's purge deletes by tenant and age
CREATE INDEX sessions_by_tenant_expiry ON sessions (tenant_id, expires_at);
CREATE INDEX handoff_requests_by_tenant_expiry ON handoff_requests (tenant_id, expires_at);
CREATE INDEX wrong_answers_by_tenant_time ON wrong_answers (tenant_id, at);
