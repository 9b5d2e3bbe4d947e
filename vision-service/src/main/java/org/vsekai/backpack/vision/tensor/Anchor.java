package org.vsekai.backpack.vision.tensor;

/** Where a letterboxed image sits: centred (YOLOv8) or in the top-left corner (YOLO-NAS-Pose). */
public enum Anchor {
    CENTER, TOP_LEFT
}
