package org.vsekai.backpack.contracts.vision;

/** A named point in pixel coordinates, with its confidence. */
public record Keypoint(String name, double x, double y, double score) {
}
