-- The poses found in a scene's frames (docs/adr/0022): one single-camera-2d row per body the pose model found in a
-- frame (keyed by the keypoints event and the body's place in it, so a redelivered event writes nothing new), and one
-- triangulated-3d row per instant that two or more calibrated cameras saw (keyed by its frames; a row made from fewer
-- frames of the same instant is replaced when another camera's frame joins it). Written in the transaction that
-- records the keypoints event; the search index in memory is rebuilt from here.
CREATE TABLE IF NOT EXISTS poses (
    id           UUID             PRIMARY KEY,
    scene_id     UUID             NOT NULL,
    owner_id     TEXT             NOT NULL,
    method       TEXT             NOT NULL,
    -- The 2D pose's frame; null for a 3D pose, whose frames are in frame_ids.
    frame_id     UUID             NULL,
    -- JSON list of the frames the pose was made from, in camera order.
    frame_ids    TEXT             NOT NULL,
    -- The body's index among the frame's keypoint sets (2D); 0 for 3D.
    person       INT              NOT NULL,
    score        DOUBLE PRECISION NOT NULL,
    captured_at  TIMESTAMPTZ      NOT NULL,
    -- 2D: the 17 keypoints as found (pixels, scores); 3D: the 17 triangulated points (null where not recovered).
    points       TEXT             NOT NULL,
    -- 3D: the largest per-point RMS reprojection error in pixels; null for 2D.
    reprojection_error DOUBLE PRECISION NULL,
    -- Search vectors, float32 little-endian: root-relative, and in the body's own frame (null without a torso).
    vector       BYTEA            NOT NULL,
    invariant    BYTEA            NULL,
    created_at   TIMESTAMPTZ      NOT NULL,
    CONSTRAINT poses_method_check CHECK (method IN ('single-camera-2d', 'triangulated-3d'))
);
CREATE INDEX IF NOT EXISTS poses_by_scene ON poses (scene_id, captured_at);
CREATE INDEX IF NOT EXISTS poses_by_frame ON poses (frame_id);
CREATE INDEX IF NOT EXISTS poses_by_created ON poses (created_at);
CREATE INDEX IF NOT EXISTS poses_by_owner ON poses (owner_id);
-- An instant's frames are looked up by capture time.
CREATE INDEX IF NOT EXISTS scene_frames_by_capture ON scene_frames (scene_id, captured_at);
