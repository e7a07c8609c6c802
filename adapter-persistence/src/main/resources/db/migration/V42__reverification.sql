-- Re-verification: each tenant's verification lifetime ('forever', an ISO-8601 duration such as 'P365D', or a yearly
-- date such as '--06-30') and how long before the end members are reminded; each link remembers when its reminder
-- went out, so with several instances sweeping every reminder is sent once.
ALTER TABLE tenants
    ADD COLUMN verification_lifetime text     NOT NULL DEFAULT 'forever',
    ADD COLUMN reminder_before       interval NOT NULL DEFAULT interval '7 days';

ALTER TABLE links ADD COLUMN reminded_at timestamptz;
-- the sweep's range of links still to remind; those reminded drop out of the index
CREATE INDEX links_to_remind ON links (tenant_id, linked_at, discord_user_id) WHERE reminded_at IS NULL;

-- the language of a member's latest request, for the reminder and lapse messages
CREATE INDEX sessions_by_requester ON sessions (tenant_id, requester_id, created_at);
