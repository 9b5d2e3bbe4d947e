package org.vsekai.backpack.pose.triangulation;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.pose.skeleton.Coco17;

/**
 * Triangulates every COCO-17 point of one body seen by several cameras at one instant: each point from the views
 * where its score reaches {@code minScore}, weighted by that score.
 */
public final class SkeletonTriangulator {

    private final Triangulator triangulator;

    public SkeletonTriangulator(double minScore, int iterations) {
        this.triangulator = new Triangulator(minScore, iterations);
    }

    /**
     * @throws IllegalArgumentException when a view does not have the 17 points of COCO-17
     */
    public Skeleton3d triangulate(List<CameraView> views) {
        for (CameraView view : views) {
            if (view.points().size() != Coco17.SIZE) {
                throw new IllegalArgumentException("camera " + view.camera().name() + " has "
                        + view.points().size() + " keypoints, not the " + Coco17.SIZE + " of " + Coco17.NAME);
            }
        }
        List<TriangulatedPoint> points = new ArrayList<>(Coco17.SIZE);
        List<Observation> observations = new ArrayList<>(views.size());
        for (int i = 0; i < Coco17.SIZE; i++) {
            observations.clear();
            for (CameraView view : views) {
                Keypoint k = view.points().get(i);
                if (Double.isFinite(k.x()) && Double.isFinite(k.y()) && Double.isFinite(k.score())
                        && k.score() >= 0) {
                    observations.add(new Observation(view.camera(), k.x(), k.y(), k.score()));
                }
            }
            points.add(triangulator.triangulate(observations).orElse(null));
        }
        return new Skeleton3d(points);
    }
}
