package org.vsekai.backpack.contracts.vision;

/** A point in pixel coordinates of the frame. */
public record Point(double x, double y) {
}
