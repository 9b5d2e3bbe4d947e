package org.vsekai.backpack.ingest.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.ingest.fixtures.SceneFixtures;
import org.vsekai.backpack.ingest.format.ReadLimits;
import org.vsekai.backpack.ingest.gltf.GltfFiles;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Vec3;
import org.vsekai.backpack.pose.synthetic.SyntheticPoses;
import org.vsekai.backpack.pose.triangulation.CameraView;
import org.vsekai.backpack.pose.triangulation.Skeleton3d;
import org.vsekai.backpack.pose.triangulation.SkeletonTriangulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The calibrations this service publishes in camera-frames, read from the Khronos Cameras.gltf sample with the
 * service's own glTF reader, feed pose-model's triangulation: the sample's perspective camera where the file puts it,
 * and copies of it (extra nodes using camera 0) turned about the subject, since the sample's two cameras share one
 * place and one place triangulates nothing.
 */
class CalibratedTriangulationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vec3 SUBJECT = new Vec3(0.5, 0.5, 0);

    @TempDir
    Path dir;

    @Test
    void aBodySeenByTheSamplesCamerasIsRecoveredWithinAMicrometre() throws IOException {
        ObjectNode gltf = (ObjectNode) JSON.readTree(SceneFixtures.sharedData("gltf/Cameras.gltf").toFile());
        ArrayNode nodes = (ArrayNode) gltf.get("nodes");
        ArrayNode sceneNodes = (ArrayNode) gltf.get("scenes").get(0).get("nodes");
        for (double degrees : new double[] {70, 150, 230}) {
            // The sample's camera node (0.5, 0.5, 3), looking down −Z at the subject, turned about the vertical
            // through the subject: position subject + R_y(θ)·(0, 0, 3), rotation R_y(θ).
            double theta = Math.toRadians(degrees);
            ObjectNode node = nodes.addObject();
            node.put("camera", 0);
            node.putArray("translation").add(0.5 + 3 * Math.sin(theta)).add(0.5).add(3 * Math.cos(theta));
            node.putArray("rotation").add(0).add(Math.sin(theta / 2)).add(0).add(Math.cos(theta / 2));
            sceneNodes.add(nodes.size() - 1);
        }
        Path file = Files.writeString(dir.resolve("ring.gltf"), JSON.writeValueAsString(gltf));

        List<ProjectiveCamera> cameras = new ArrayList<>();
        for (SceneCamera camera : GltfCameras.of(new GltfFiles(ReadLimits.defaults()).readGltf(file))) {
            if (camera.projection() == Projection.PERSPECTIVE) {
                cameras.add(ProjectiveCamera.of(camera.id(), camera.calibrationFor(640, 480)));
            }
        }
        assertThat(cameras).extracting(ProjectiveCamera::name).containsExactly("1", "3", "4", "5");

        SkeletonTriangulator triangulator = new SkeletonTriangulator(0.3, 10);
        Random random = new Random(16);
        for (int count = 2; count <= 4; count++) {
            for (int trial = 0; trial < 20; trial++) {
                List<Vec3> body = SyntheticPoses.placed(SyntheticPoses.random(random),
                        SyntheticPoses.randomRotation(random, 0.2), 1, SUBJECT);
                List<CameraView> views = new ArrayList<>();
                for (ProjectiveCamera camera : cameras.subList(0, count)) {
                    List<Keypoint> points = new ArrayList<>();
                    for (int i = 0; i < Coco17.SIZE; i++) {
                        Vec3 p = body.get(i);
                        double[] pixel = camera.project(p.x(), p.y(), p.z());
                        assertThat(pixel[0]).isBetween(0.0, 640.0);
                        assertThat(pixel[1]).isBetween(0.0, 480.0);
                        points.add(new Keypoint(Coco17.POINTS.get(i), pixel[0], pixel[1], 0.9));
                    }
                    views.add(new CameraView(camera, points));
                }
                Skeleton3d skeleton = triangulator.triangulate(views);
                for (int i = 0; i < Coco17.SIZE; i++) {
                    Vec3 truth = body.get(i);
                    assertThat(skeleton.points().get(i).distanceTo(truth.x(), truth.y(), truth.z()))
                            .as("%d cameras, point %d", count, i).isLessThan(1e-6);
                }
            }
        }
    }
}
