package org.vsekai.backpack.contracts.vision;

/** An axis-aligned box in pixel coordinates of the frame; (x, y) is the top-left corner. */
public record BoundingBox(double x, double y, double width, double height) {
}
