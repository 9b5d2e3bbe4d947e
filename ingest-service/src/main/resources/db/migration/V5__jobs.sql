-- Units of work (docs/adr/0015): one row each, claimed with FOR UPDATE SKIP LOCKED, completed in the transaction
-- of their effects. TEXT states under a CHECK and service-made UUID keys, so PostgreSQL and CockroachDB both take
-- it; IF NOT EXISTS so that a half-applied run on CockroachDB (no DDL transaction) can run again.
CREATE TABLE IF NOT EXISTS jobs (
    id           UUID        PRIMARY KEY,
    kind         TEXT        NOT NULL,
    -- What the job is about: a scene id, a frame id, a blob reference, an import id.
    subject      TEXT        NOT NULL,
    -- kind and subject for jobs that must not be queued twice; NULL for jobs that may.
    unique_key   TEXT        NULL,
    owner_id     TEXT        NULL,
    args         TEXT        NOT NULL,
    state        TEXT        NOT NULL,
    attempt      INT         NOT NULL,
    max_attempts INT         NOT NULL,
    last_error   TEXT        NULL,
    attempted_by TEXT        NULL,
    inserted_at  TIMESTAMPTZ NOT NULL,
    scheduled_at TIMESTAMPTZ NOT NULL,
    attempted_at TIMESTAMPTZ NULL,
    completed_at TIMESTAMPTZ NULL,
    discarded_at TIMESTAMPTZ NULL,
    CONSTRAINT jobs_unique_key UNIQUE (unique_key),
    CONSTRAINT jobs_state_check CHECK (state IN ('available', 'executing', 'retryable', 'completed', 'discarded')),
    CONSTRAINT jobs_attempt_check CHECK (attempt >= 0 AND max_attempts >= 1)
);
-- The claim's scan: due jobs by time.
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (state, scheduled_at, id);
CREATE INDEX IF NOT EXISTS jobs_by_subject ON jobs (subject, inserted_at);
CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs (owner_id);
