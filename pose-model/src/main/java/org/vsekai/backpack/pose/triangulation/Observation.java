package org.vsekai.backpack.pose.triangulation;

import java.util.Objects;

import org.vsekai.backpack.pose.camera.ProjectiveCamera;

/**
 * One camera's sight of a point: the pixel where it was found and how much it counts.
 *
 * @param weight the keypoint's score: a view's squared reprojection error counts this much in the fit
 */
public record Observation(ProjectiveCamera camera, double u, double v, double weight) {

    public Observation {
        Objects.requireNonNull(camera, "camera");
        if (!Double.isFinite(u) || !Double.isFinite(v) || !Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("an observation has a finite pixel and a weight >= 0");
        }
    }
}
