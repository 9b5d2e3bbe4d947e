-- Event ids this service has applied (user-erasures). A redelivered event finds its id here and changes nothing;
-- the row is written in the same transaction as the event's effects.
CREATE TABLE processed_events (
    event_id     UUID        PRIMARY KEY,
    topic        TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL
);
