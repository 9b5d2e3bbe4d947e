package org.vsekai.backpack.contracts.vision;

/** One detected object: a class label, its confidence in [0, 1], and where it is. */
public record Detection(String label, double score, BoundingBox box) {
}
