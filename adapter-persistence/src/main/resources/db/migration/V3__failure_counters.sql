-- Failures (bad links and callbacks per client address, wrong answers per member) become one counter row per
-- key, updated by a single upsert so concurrent failures each count once. A row lives until forget_at, the end
-- of the backoff's memory (its newest failure plus the quiet period), and housekeeping then deletes it, so a
-- flood of distinct addresses leaves at most one row per address seen within that memory.
CREATE TABLE rate_limit_failure_counts (
    key                  text PRIMARY KEY,
    failures             bigint      NOT NULL CHECK (failures > 0),
    last_failure         timestamptz NOT NULL,
    previous_failure     timestamptz,
    forget_at            timestamptz NOT NULL
);

-- What is still remembered carries over (both memories in use are a day long).
INSERT INTO rate_limit_failure_counts (key, failures, last_failure, previous_failure, forget_at)
-- (the newest failure stands in for the one before it, which errs toward a wait).
SELECT key, count(*), max(at), CASE WHEN count(*) > 1 THEN max(at) END, max(at) + interval '1 day'
FROM rate_limit_failures
WHERE at > now() - interval '1 day'
GROUP BY key;

DROP TABLE rate_limit_failures;

-- Failures no longer lock a row in rate_limit_keys; the ones they made there are dead weight.
DELETE FROM rate_limit_keys k
WHERE NOT EXISTS (SELECT 1 FROM rate_limit_events e WHERE e.key = k.key);
