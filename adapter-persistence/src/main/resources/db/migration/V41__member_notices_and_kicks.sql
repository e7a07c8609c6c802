-- The outbox also carries direct messages to members (a reminder that a verification ends, that it lapsed, a
-- warning before unverified members are removed) and kicks. A notice's text is written at delivery, in the
-- member's language, with its time shown in the tenant's zone.
ALTER TABLE member_updates ADD COLUMN notice_kind text;
ALTER TABLE member_updates ADD COLUMN notice_at timestamptz;
ALTER TABLE member_updates ADD COLUMN notice_language text;
ALTER TABLE member_updates ADD COLUMN notice_time_zone text;
