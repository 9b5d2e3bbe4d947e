-- Events waiting to be sent to Kafka (docs/adr/0008), in the database of every service that opts in to the outbox
-- (quarkus.flyway.locations=db/migration,db/outbox). A row is written in the same transaction as the data it
-- announces and deleted by the relay only after the broker has acknowledged the record: a crash between commit and
-- send leaves the row here for the next relay run (at-least-once; consumers skip repeats by event id).
--
-- Repeatable, not versioned: it has no place in any one service's version sequence, and Flyway runs it again
-- whenever it changes. So every statement must stay re-runnable (IF NOT EXISTS), and a change is a new statement
-- appended below, never an edit of one above. Databases whose service created this table in its own migration
-- (ingest V4, metadata V6) run it too: the table is kept, and what came since is added.
CREATE TABLE IF NOT EXISTS outbox_events (
    id            UUID        PRIMARY KEY,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    -- The event as JSON text, sent as written; NULL is a tombstone (the key's record is deleted).
    payload       TEXT        NULL,
    -- clock_timestamp() at insert: rows of one key that were written under that key's row lock keep their order.
    created_at    TIMESTAMPTZ NOT NULL,
    -- A relay claims rows until this time instead of locking them, so neither SKIP LOCKED nor a long transaction
    -- is needed, and a relay that dies leaves rows that another claims once the lease has passed.
    claimed_until TIMESTAMPTZ NULL,
    attempts      INT         NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_events_by_age ON outbox_events (created_at, id);

-- 2026-12-02: the W3C trace context of the writing transaction, so the record continues the request's trace.
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS traceparent TEXT NULL;
