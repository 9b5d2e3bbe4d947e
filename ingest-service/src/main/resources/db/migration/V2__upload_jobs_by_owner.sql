-- A user's jobs, newest first (GET /jobs) and all of them for the privacy erase.
CREATE INDEX upload_jobs_by_owner ON upload_jobs (owner_id, created_at);
