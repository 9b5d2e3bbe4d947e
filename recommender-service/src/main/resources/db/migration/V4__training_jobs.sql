-- Training runs, as GET /admin/training/jobs[/{id}] report them, kept across restarts. The service makes the ids
-- (UUIDs) and writes each change of state as it happens; at start, a run still QUEUED or RUNNING was stopped by the
-- restart and is marked FAILED. The state is text with a CHECK (TrainingState's names), not an enum type:
-- PostgreSQL and CockroachDB both accept this. IF NOT EXISTS: Flyway runs CockroachDB migrations without a DDL
-- transaction, so a run that stopped between the statements must be able to run again.
CREATE TABLE IF NOT EXISTS training_jobs (
    id            UUID        NOT NULL PRIMARY KEY,
    state         TEXT        NOT NULL,
    triggered_by  TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    model_version TEXT,
    interactions  INT,
    error         TEXT,
    CONSTRAINT training_jobs_state_check CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'))
);

-- Newest first, and the oldest pruned beyond recommender.training.jobs-kept.
CREATE INDEX IF NOT EXISTS training_jobs_requested_idx ON training_jobs (requested_at);
