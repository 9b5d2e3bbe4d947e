-- Event ids this service has applied. A redelivered event finds its id here and changes nothing; the row is
-- written in the same transaction as the event's effects.
CREATE TABLE processed_events (
    event_id     UUID        PRIMARY KEY,
    topic        TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL
);

-- The XMP JSON-LD packets of each scene as the latest scene-metadata event carried them. JSONB keeps the JSON
-- as sent (up to key order and whitespace) and is accepted by PostgreSQL and CockroachDB alike.
CREATE TABLE scene_packets (
    scene_id     UUID        NOT NULL,
    packet_index INT         NOT NULL,
    event_id     UUID        NOT NULL,
    owner_id     TEXT        NULL,
    attached_to  JSONB       NOT NULL,
    document     JSONB       NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scene_id, packet_index),
    CONSTRAINT scene_packets_index_check CHECK (packet_index >= 0)
);
