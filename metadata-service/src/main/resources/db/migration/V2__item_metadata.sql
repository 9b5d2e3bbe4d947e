-- Every metadata document ever PUT for an item, one row per version: the document as submitted, its expanded
-- form and the attributes extracted from it. Versions count from 1 per item; the highest is current.
CREATE TABLE item_metadata_versions (
    item_id    TEXT        NOT NULL,
    version    INT         NOT NULL,
    version_at TIMESTAMPTZ NOT NULL,
    document   JSONB       NOT NULL,
    expanded   JSONB       NOT NULL,
    attributes JSONB       NOT NULL,
    PRIMARY KEY (item_id, version),
    CONSTRAINT item_metadata_versions_version_check CHECK (version >= 1)
);

-- The current version of each item. Its row is the lock that orders concurrent PUTs of one item: the upsert
-- that hands out the next version number waits for (or, on CockroachDB, retries against) the other writer.
CREATE TABLE item_metadata_heads (
    item_id    TEXT        PRIMARY KEY,
    version    INT         NOT NULL,
    version_at TIMESTAMPTZ NOT NULL
);

-- The current version's attributes, one row per value (keywords and categories have many), rewritten with each
-- version: "items with keyword X" and "avatars by creator Y" are index lookups on (attribute, value).
CREATE TABLE item_attribute_values (
    item_id   TEXT NOT NULL,
    attribute TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (item_id, attribute, value)
);
CREATE INDEX item_attribute_values_by_value ON item_attribute_values (attribute, value, item_id);
