-- Items can be gone: when an item's owner is erased, the metadata service publishes a tombstone (key = item id,
-- no value) on item-attributes. The row stays as a marker (attributes cleared, gone = true) so that an older
-- record still in flight cannot bring the item back; attributes_updated_at then holds the tombstone's time.
-- removed_at is when the latest tombstone was applied here; it stays when a newer record brings the item back,
-- so that models trained before it never serve the new item with what they learned of the old one.
-- IF NOT EXISTS: Flyway runs CockroachDB migrations without a DDL transaction, so a run that stopped between the
-- two statements must be able to run again; PostgreSQL (9.6+) and CockroachDB both accept these forms.
ALTER TABLE items ADD COLUMN IF NOT EXISTS gone BOOLEAN NOT NULL DEFAULT false,
                  ADD COLUMN IF NOT EXISTS removed_at TIMESTAMPTZ;

-- A tombstone deletes the item's backpack entries of every user: by item, not by user.
CREATE INDEX IF NOT EXISTS backpack_entries_item_idx ON backpack_entries (item_id);
