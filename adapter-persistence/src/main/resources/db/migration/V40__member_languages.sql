-- Members in their own language: the language the requester's Discord client uses, kept with the session so the
-- email and the link pages speak it; each tenant's language for emails to members whose language isn't known, and
-- the time zone its emails and pages show times in.
ALTER TABLE sessions
    ADD COLUMN language text,
    ADD CONSTRAINT sessions_language_tag CHECK (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$');

ALTER TABLE tenants
    ADD COLUMN default_language text NOT NULL DEFAULT 'en',
    ADD COLUMN time_zone        text NOT NULL DEFAULT 'UTC',
    ADD CONSTRAINT tenants_default_language_tag CHECK (default_language ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
