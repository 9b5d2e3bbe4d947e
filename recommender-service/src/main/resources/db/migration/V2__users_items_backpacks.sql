-- The recommender's domain: users, items and backpack history next to the interactions. Users and items keep the
-- external ids the events carry (the gateway's subject, the metadata service's item id) as a unique column and a
-- UUID primary key; interactions and backpack entries refer to them by external id, because that is what every
-- event and request names, and events for an item may arrive before its attributes do.
-- Only statements PostgreSQL and CockroachDB both accept: gen_random_uuid(), partial unique index, no sequences.

-- The weight the interaction's type had when it was stored (recommender.interactions.weights); training reads it.
ALTER TABLE interactions ADD COLUMN weight REAL NOT NULL DEFAULT 1;

CREATE TABLE users (
    id          UUID        NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
    external_id TEXT        NOT NULL UNIQUE,
    first_seen  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- kind and creator come from the item-attributes topic; attributes_updated_at keeps the latest record winning.
CREATE TABLE items (
    id                    UUID        NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
    external_id           TEXT        NOT NULL UNIQUE,
    kind                  TEXT,
    name                  TEXT,
    creator               TEXT,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    attributes_updated_at TIMESTAMPTZ
);

-- One row per stay of an item in a backpack: Add opens it, Remove closes it; the history is kept.
CREATE TABLE backpack_entries (
    id         UUID        NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    TEXT        NOT NULL,
    item_id    TEXT        NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL,
    removed_at TIMESTAMPTZ,
    CHECK (removed_at IS NULL OR removed_at >= added_at)
);

-- At most one open entry per (user, item): a repeated Add is a no-op (INSERT ... ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX backpack_entries_open_idx ON backpack_entries (user_id, item_id) WHERE removed_at IS NULL;
CREATE INDEX backpack_entries_user_idx ON backpack_entries (user_id, added_at);
