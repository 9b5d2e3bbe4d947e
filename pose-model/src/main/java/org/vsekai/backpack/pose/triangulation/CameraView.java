package org.vsekai.backpack.pose.triangulation;

import java.util.List;
import java.util.Objects;

import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;

/** One camera's COCO-17 keypoints of one body at one instant, in that camera's pixels. */
public record CameraView(ProjectiveCamera camera, List<Keypoint> points) {

    public CameraView {
        Objects.requireNonNull(camera, "camera");
        points = List.copyOf(points);
    }
}
