package org.vsekai.backpack.pose.triangulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.vsekai.backpack.pose.skeleton.Vec3;

/**
 * The COCO-17 points of one body in world coordinates, in COCO order; a point no two confident views saw is
 * null.
 */
public record Skeleton3d(List<TriangulatedPoint> points) {

    public Skeleton3d {
        points = Collections.unmodifiableList(new ArrayList<>(points));
    }

    /** The positions, a null where a point is missing. */
    public List<Vec3> positions() {
        List<Vec3> positions = new ArrayList<>(points.size());
        for (TriangulatedPoint p : points) {
            positions.add(p == null ? null : new Vec3(p.x(), p.y(), p.z()));
        }
        return positions;
    }

    /** How many points were recovered. */
    public int recovered() {
        int n = 0;
        for (TriangulatedPoint p : points) {
            n += p == null ? 0 : 1;
        }
        return n;
    }
}
