-- The offline figures each training run is versioned with (TrainingEvaluation): plain nullable columns, NULL for the
-- runs stored before them and for runs that failed; eval_skipped says why a succeeded run has none. One column per
-- statement with IF NOT EXISTS: CockroachDB runs this without a DDL transaction, so a stopped run must run again.
ALTER TABLE training_jobs ADD COLUMN IF NOT EXISTS eval_algorithm TEXT;
ALTER TABLE training_jobs ADD COLUMN IF NOT EXISTS eval_ndcg_at_10 DOUBLE PRECISION;
ALTER TABLE training_jobs ADD COLUMN IF NOT EXISTS eval_precision_at_10 DOUBLE PRECISION;
ALTER TABLE training_jobs ADD COLUMN IF NOT EXISTS eval_recall_at_10 DOUBLE PRECISION;
ALTER TABLE training_jobs ADD COLUMN IF NOT EXISTS eval_users INT;
ALTER TABLE training_jobs ADD COLUMN IF NOT EXISTS eval_skipped TEXT;
