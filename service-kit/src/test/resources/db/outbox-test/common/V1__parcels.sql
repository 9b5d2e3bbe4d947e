-- The data the kit's outbox tests announce: a stand-in for a service's own table.
CREATE TABLE parcels (
    id    UUID PRIMARY KEY,
    label TEXT NOT NULL
);
