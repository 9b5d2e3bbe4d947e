-- Who owns each item: set by the item's first PUT (the forwarded X-Backpack-User) and never changed after.
-- Items stored before owners existed have none; the next PUT claims them.
ALTER TABLE item_metadata_heads ADD COLUMN owner_id TEXT NULL;
