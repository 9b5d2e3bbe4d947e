-- Text the vision-service's OCR read in an item's frames (text annotations of the detections topic), folded into
-- the item's keywords on item-attributes. Like detected classes, kept apart from the versions and accumulated.
CREATE TABLE item_read_texts (
    item_id TEXT        NOT NULL,
    text    TEXT        NOT NULL,
    read_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (item_id, text)
);
