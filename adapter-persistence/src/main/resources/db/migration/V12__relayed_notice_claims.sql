-- A relayed notice is claimed by the owner of its guild's shard, posted, then deleted. A claim that runs out before
-- the delete (the owner died or Discord refused) makes the notice claimable again: posted at least once.
ALTER TABLE relayed_notices ADD COLUMN claimed_until timestamptz;
CREATE INDEX relayed_notices_claimable ON relayed_notices (claimed_until);
