package org.vsekai.backpack.pose.triangulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Vec3;

/** A body seen by cameras: each point projected, with Gaussian pixel noise of {@code sigma} on each coordinate. */
final class Views {

    private Views() {
    }

    static List<CameraView> of(List<ProjectiveCamera> cameras, List<Vec3> body, double sigma, Random random) {
        List<CameraView> views = new ArrayList<>();
        for (ProjectiveCamera camera : cameras) {
            List<Keypoint> points = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                Vec3 p = body.get(i);
                double[] pixel = camera.project(p.x(), p.y(), p.z());
                points.add(new Keypoint(Coco17.POINTS.get(i), pixel[0] + sigma * random.nextGaussian(),
                        pixel[1] + sigma * random.nextGaussian(), 1.0));
            }
            views.add(new CameraView(camera, points));
        }
        return views;
    }
}
