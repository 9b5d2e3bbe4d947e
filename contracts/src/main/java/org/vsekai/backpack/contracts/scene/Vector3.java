package org.vsekai.backpack.contracts.scene;

/** A 3-vector of doubles. */
public record Vector3(double x, double y, double z) {
}
