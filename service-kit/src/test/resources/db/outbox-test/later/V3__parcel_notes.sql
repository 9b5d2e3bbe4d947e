-- A migration the service adds after retiring its outbox migration.
ALTER TABLE parcels ADD COLUMN IF NOT EXISTS note TEXT NULL;
