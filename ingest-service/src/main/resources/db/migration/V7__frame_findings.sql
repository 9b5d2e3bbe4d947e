-- What the vision-service found in each frame, one row per (frame, model): how many detections or poses, and the
-- distinct labels of the detections. Written with the event id in processed_events, in one transaction; a model
-- that analyses a frame again (the same event id) is skipped there.
CREATE TABLE IF NOT EXISTS frame_findings (
    frame_id      UUID        NOT NULL,
    model         TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    model_version TEXT        NULL,
    found         INT         NOT NULL,
    -- JSON list of the distinct labels, sorted; empty for poses.
    labels        TEXT        NOT NULL,
    event_id      UUID        NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (frame_id, model),
    CONSTRAINT frame_findings_kind_check CHECK (kind IN ('DETECTIONS', 'POSES')),
    CONSTRAINT frame_findings_found_check CHECK (found >= 0)
);
