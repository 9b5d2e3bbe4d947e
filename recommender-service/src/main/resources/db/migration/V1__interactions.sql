-- One row per interaction event; event_id makes redelivered events a no-op (ON CONFLICT DO NOTHING).
-- Types and statements kept to what both PostgreSQL and CockroachDB accept.
CREATE TABLE interactions (
    event_id    UUID        NOT NULL PRIMARY KEY,
    activity_id TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    item_id     TEXT        NOT NULL,
    type        TEXT        NOT NULL CHECK (type IN ('VIEW', 'LIKE', 'ADD', 'REMOVE', 'VISIT')),
    published   TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX interactions_user_idx ON interactions (user_id, item_id);
CREATE INDEX interactions_item_idx ON interactions (item_id);
