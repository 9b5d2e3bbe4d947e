package org.vsekai.backpack.pose.search;

/** Checks shared by the indexes. */
final class PoseIndexes {

    private PoseIndexes() {
    }

    static void check(float[] vector, int dimensions) {
        if (vector == null || vector.length != dimensions) {
            throw new IllegalArgumentException("a pose vector has " + dimensions + " dimensions, not "
                    + (vector == null ? "none" : vector.length));
        }
        double sum = 0;
        for (float f : vector) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("a pose vector is finite");
            }
            sum += f * f;
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw new IllegalArgumentException("a pose vector has unit length, not " + Math.sqrt(sum));
        }
    }
}
