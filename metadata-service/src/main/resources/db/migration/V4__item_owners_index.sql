-- A user's items, for the privacy erase. Its own migration: CockroachDB builds an index on a column added in the
-- same transaction only with caveats, so the two schema changes commit one after the other.
CREATE INDEX item_metadata_heads_by_owner ON item_metadata_heads (owner_id);
