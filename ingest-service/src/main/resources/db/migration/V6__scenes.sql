-- Scenes, their cameras and frames, and which owner holds which blob. TEXT states under CHECKs, service-made UUID
-- keys, IF NOT EXISTS throughout (re-runnable on CockroachDB, which runs DDL without a transaction).

-- One uploaded (or imported) scene and where its processing stands (docs/reading-scenes.md, the workflow).
CREATE TABLE IF NOT EXISTS scenes (
    id                    UUID        PRIMARY KEY,
    owner_id              TEXT        NOT NULL,
    -- The upload job the gateway shows at /api/v1/uploads/{id}.
    upload_id             UUID        NOT NULL,
    blob_sha256           TEXT        NOT NULL,
    format                TEXT        NOT NULL,
    size_bytes            BIGINT      NOT NULL,
    state                 TEXT        NOT NULL,
    error                 TEXT        NULL,
    camera_count          INT         NULL,
    -- The XMP packets as JSON (a list of contracts.scene.XmpPacket), kept for publishing and showing.
    packets               TEXT        NULL,
    -- Relative uris the scene names and this service never fetches (JSON list).
    ignored_uris          TEXT        NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    parsed_at             TIMESTAMPTZ NULL,
    metadata_published_at TIMESTAMPTZ NULL,
    indexed_at            TIMESTAMPTZ NULL,
    CONSTRAINT scenes_format_check CHECK (format IN ('GLB', 'GLTF', 'TSCN')),
    CONSTRAINT scenes_state_check CHECK (state IN ('STORED', 'PARSED', 'METADATA_PUBLISHED', 'FRAMES_ANALYSED',
                                                   'INDEXED', 'FAILED'))
);
-- The same bytes from the same owner are the same scene: a repeated upload finds it.
CREATE UNIQUE INDEX IF NOT EXISTS scenes_by_owner_and_content ON scenes (owner_id, blob_sha256);
CREATE INDEX IF NOT EXISTS scenes_by_owner ON scenes (owner_id, created_at);

-- A placed camera of a scene: its projection and pose as JSON (ingest's camera.SceneCamera), from which the
-- calibration for any image size follows.
CREATE TABLE IF NOT EXISTS scene_cameras (
    scene_id    UUID NOT NULL,
    camera_id   TEXT NOT NULL,
    name        TEXT NULL,
    camera      TEXT NOT NULL,
    PRIMARY KEY (scene_id, camera_id)
);

-- A frame posted for one of a scene's cameras, with the calibration for its size.
CREATE TABLE IF NOT EXISTS scene_frames (
    id          UUID        PRIMARY KEY,
    scene_id    UUID        NOT NULL,
    camera_id   TEXT        NOT NULL,
    owner_id    TEXT        NOT NULL,
    blob_sha256 TEXT        NOT NULL,
    format      TEXT        NOT NULL,
    width       INT         NOT NULL,
    height      INT         NOT NULL,
    calibration TEXT        NOT NULL,
    captured_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    -- When the vision-service's detections for it arrived.
    analysed_at TIMESTAMPTZ NULL,
    CONSTRAINT scene_frames_format_check CHECK (format IN ('PNG', 'JPEG')),
    CONSTRAINT scene_frames_size_check CHECK (width > 0 AND height > 0)
);
CREATE INDEX IF NOT EXISTS scene_frames_by_scene ON scene_frames (scene_id, received_at);

-- Blobs this service wrote, and who holds each: a blob is deleted only when its last holder is gone (an erased
-- user's blobs that another owner also uploaded stay). The blobs row is the lock that a deletion and a new holder
-- take in turn.
CREATE TABLE IF NOT EXISTS blobs (
    sha256     TEXT        PRIMARY KEY,
    size_bytes BIGINT      NOT NULL,
    stored_at  TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS blob_holders (
    sha256   TEXT NOT NULL,
    -- What holds it: scene:<id>, frame:<id>, import:<id>.
    holder   TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    PRIMARY KEY (sha256, holder)
);
CREATE INDEX IF NOT EXISTS blob_holders_by_owner ON blob_holders (owner_id);

-- Batch imports: the NDJSON is a blob; bytes_done and lines_done are the committed cursor a resumed import starts
-- from (each chunk of lines commits with its rows and the cursor).
CREATE TABLE IF NOT EXISTS imports (
    id           UUID        PRIMARY KEY,
    owner_id     TEXT        NOT NULL,
    blob_sha256  TEXT        NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    bytes_done   BIGINT      NOT NULL,
    lines_done   BIGINT      NOT NULL,
    rows_written BIGINT      NOT NULL,
    lines_failed BIGINT      NOT NULL,
    last_error   TEXT        NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NULL
);
