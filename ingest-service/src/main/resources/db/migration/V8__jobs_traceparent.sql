-- The W3C traceparent current when the job was queued: its run continues the trace of the request or record that
-- queued it (a timer claims it, so it would otherwise start a trace of its own). NULL when nothing was traced.
-- ADD COLUMN IF NOT EXISTS runs on PostgreSQL and CockroachDB alike.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS traceparent TEXT NULL;
