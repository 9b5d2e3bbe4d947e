-- Who else may follow a scene: its avatar stream and its poses (docs/adr/0023). Granted by the scene's owner or an
-- admin, one row per scene and user; erased with either. SQL that PostgreSQL and CockroachDB both take.
CREATE TABLE IF NOT EXISTS scene_shares (
    scene_id   UUID        NOT NULL,
    user_id    TEXT        NOT NULL,
    shared_by  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scene_id, user_id)
);
-- Erasing a user removes the shares made to them.
CREATE INDEX IF NOT EXISTS scene_shares_by_user ON scene_shares (user_id);
