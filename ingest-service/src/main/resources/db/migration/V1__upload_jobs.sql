-- One row per scene upload and where it stands. Plain types and a CHECK instead of an enum type, so that
-- PostgreSQL and CockroachDB both accept it; ids are UUIDs made by the service, never sequences.
CREATE TABLE upload_jobs (
    id         UUID        PRIMARY KEY,
    scene_id   UUID        NOT NULL,
    owner_id   TEXT        NOT NULL,
    state      TEXT        NOT NULL,
    error      TEXT        NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT upload_jobs_state_check CHECK (state IN ('RECEIVED', 'STORED', 'EXTRACTED', 'FAILED'))
);
