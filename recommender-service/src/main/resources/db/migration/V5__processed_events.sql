-- Event ids this service has applied (user-erasures), as in the ingest and metadata services (docs/adr/0007). A
-- redelivered erasure finds its id here and changes nothing, so it never deletes what the same user id did after
-- it; the row is written in the erasure's transaction. Ids and topics only: nothing personal.
CREATE TABLE IF NOT EXISTS processed_events (
    event_id     UUID        PRIMARY KEY,
    topic        TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL
);
