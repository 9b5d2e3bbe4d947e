-- Object classes the vision service detected in an item's frames (the detections topic), folded into the item's
-- attributes as detectedClasses. Kept apart from the versions: detections arrive on their own schedule and apply
-- to every version of the item. A scene's item id is its scene id.
CREATE TABLE item_detected_classes (
    item_id     TEXT        NOT NULL,
    label       TEXT        NOT NULL,
    detected_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (item_id, label)
);
