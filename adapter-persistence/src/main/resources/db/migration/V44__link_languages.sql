-- The member's language kept with the link: requests (sessions) are purged after the tenant's retention, but the
-- reminder and lapse messages of a verification that holds a year still need it. Empty for links an administrator
-- made or imported.
ALTER TABLE links
    ADD COLUMN language text,
    ADD CONSTRAINT links_language_tag CHECK (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$');

-- Existing links take the language of the member's latest request that had one, while it is still kept.
UPDATE links l SET language = (
    SELECT s.language FROM sessions s
    WHERE s.tenant_id = l.tenant_id AND s.requester_id = l.discord_user_id AND s.language IS NOT NULL
    ORDER BY s.created_at DESC LIMIT 1)
WHERE l.language IS NULL;

-- A hand-off makes the link too, so it keeps the requester's language for it, as a session does. (Sign-ins with the
-- identity provider don't keep one yet: their links have none.)
ALTER TABLE handoff_requests
    ADD COLUMN language text,
    ADD CONSTRAINT handoff_requests_language_tag CHECK (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
