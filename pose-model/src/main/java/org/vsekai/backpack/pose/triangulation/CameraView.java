package org.vsekai.backpack.pose.triangulation;

import java.util.List;
import java.util.Objects;

import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Coco17;

/** One camera's COCO-17 keypoints of one body at one instant, in that camera's pixels. */
public record CameraView(ProjectiveCamera camera, List<Keypoint> points) {

    public CameraView {
        Objects.requireNonNull(camera, "camera");
        points = List.copyOf(points);
    }

    /**
     * The view of one body of a {@code keypoints} event.
     *
     * @throws IllegalArgumentException when the set names a layout other than COCO-17 (null means COCO-17, as the
     *                                  first producers wrote it)
     */
    public static CameraView of(ProjectiveCamera camera, KeypointSet set) {
        if (set.skeleton() != null && !Coco17.NAME.equals(set.skeleton())) {
            throw new IllegalArgumentException("keypoints of layout " + set.skeleton() + " are not " + Coco17.NAME);
        }
        return new CameraView(camera, set.points());
    }
}
