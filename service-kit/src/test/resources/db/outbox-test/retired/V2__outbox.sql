-- The outbox table as a service's own versioned migration made it before the table moved to the kit (ingest V4,
-- metadata V6): the same columns, written compactly.
CREATE TABLE outbox_events (id UUID PRIMARY KEY, topic TEXT NOT NULL, record_key TEXT NOT NULL, payload TEXT NULL,
    created_at TIMESTAMPTZ NOT NULL, claimed_until TIMESTAMPTZ NULL, attempts INT NOT NULL);
CREATE INDEX outbox_events_by_age ON outbox_events (created_at, id);
