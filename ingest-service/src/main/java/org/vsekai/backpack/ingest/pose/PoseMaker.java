package org.vsekai.backpack.ingest.pose;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.ingest.frame.Frame;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Vec3;
import org.vsekai.backpack.pose.triangulation.CameraView;
import org.vsekai.backpack.pose.triangulation.Instants;
import org.vsekai.backpack.pose.triangulation.Skeleton3d;
import org.vsekai.backpack.pose.triangulation.SkeletonTriangulator;
import org.vsekai.backpack.pose.triangulation.TriangulatedPoint;
import org.vsekai.backpack.pose.vector.PoseVectors;

/**
 * Pose rows from keypoints: each body of a frame as a 2D pose, and an instant's bodies seen by two or more calibrated
 * cameras as one 3D pose (pose-model's triangulation). Pure: the rows it is given in, the rows to write out.
 */
public final class PoseMaker {

    private final PoseConfig config;
    private final SkeletonTriangulator triangulator;

    public PoseMaker(PoseConfig config) {
        this.config = config;
        this.triangulator = new SkeletonTriangulator(config.minScore(), config.iterations());
    }

    /** A frame's best-scoring body, as a view of an instant. */
    public record View(Frame frame, PoseRow pose) {
    }

    /**
     * The event's bodies in its frame as 2D poses: those with the 17 COCO points and both hips confident (no root, no
     * vector); ids from the event id and the body's index, so the same event makes the same rows.
     */
    public List<PoseRow> planar(Keypoints event, Frame frame, Instant now) {
        List<PoseRow> rows = new ArrayList<>();
        List<KeypointSet> sets = event.sets() == null ? List.of() : event.sets();
        for (int person = 0; person < sets.size(); person++) {
            KeypointSet set = sets.get(person);
            if (set == null || set.points() == null || set.points().size() != Coco17.SIZE) {
                continue;
            }
            List<Vec3> coco = new ArrayList<>(Coco17.SIZE);
            List<double[]> points = new ArrayList<>(Coco17.SIZE);
            for (Keypoint point : set.points()) {
                boolean usable = point != null && Double.isFinite(point.x()) && Double.isFinite(point.y())
                        && point.score() >= config.minScore();
                // Image rows grow downwards; the vector's y grows up, as in the 3D poses.
                coco.add(usable ? new Vec3(point.x(), -point.y(), 0) : null);
                points.add(point == null ? null : new double[] {point.x(), point.y(), point.score()});
            }
            float[] vector = PoseVectors.rootRelative(coco);
            if (vector == null) {
                continue;
            }
            UUID id = UUID.nameUUIDFromBytes(("pose:" + event.eventId() + ":" + person)
                    .getBytes(StandardCharsets.UTF_8));
            rows.add(new PoseRow(id, frame.sceneId(), frame.ownerId(), PoseMethod.SINGLE_CAMERA_2D,
                    List.of(frame.frameId()), person, set.score(), frame.capturedAt(), points, null, vector,
                    PoseVectors.rotationInvariant(coco), now));
        }
        return rows;
    }

    /** The 2D vector of points given as {@code [x, y]} pixels (a query), or null without a root. */
    public static float[] planarVector(List<double[]> points, boolean rotationInvariant) {
        List<Vec3> coco = new ArrayList<>(Coco17.SIZE);
        for (double[] p : points) {
            coco.add(p == null ? null : new Vec3(p[0], -p[1], 0));
        }
        return rotationInvariant ? PoseVectors.rotationInvariant(coco) : PoseVectors.rootRelative(coco);
    }

    /** The 3D vector of points given as {@code [x, y, z]} (a query), or null without a root. */
    public static float[] spatialVector(List<double[]> points, boolean rotationInvariant) {
        List<Vec3> coco = new ArrayList<>(Coco17.SIZE);
        for (double[] p : points) {
            coco.add(p == null ? null : new Vec3(p[0], p[1], p[2]));
        }
        return rotationInvariant ? PoseVectors.rotationInvariant(coco) : PoseVectors.rootRelative(coco);
    }

    /**
     * The 3D pose of the instant {@code frameId} belongs to, among {@code views} (the scene's frames captured near
     * it, one best body each, {@code frameId}'s among them): the instants as {@link Instants} groups them, that
     * frame's group triangulated when two or more of its cameras are calibrated and the hips are recovered.
     */
    public Optional<PoseRow> triangulated(UUID frameId, List<View> views, Instant now) {
        List<View> usable = views.stream().filter(view -> calibrated(view.frame().calibration())).toList();
        Optional<List<View>> instant = Instants.group(usable, view -> view.frame().capturedAt(),
                        view -> view.frame().camera(), config.window()).stream()
                .filter(group -> group.stream().anyMatch(view -> view.frame().frameId().equals(frameId)))
                .findFirst();
        if (instant.isEmpty() || instant.get().size() < 2) {
            return Optional.empty();
        }
        List<View> group = new ArrayList<>(instant.get());
        group.sort(Comparator.comparing(view -> view.frame().camera()));
        List<CameraView> cameraViews = new ArrayList<>(group.size());
        for (View view : group) {
            List<Keypoint> points = new ArrayList<>(Coco17.SIZE);
            for (double[] p : view.pose().points()) {
                // A point the model did not give is one no view saw: score -1 keeps it out of the fit.
                points.add(p == null ? new Keypoint("", Double.NaN, Double.NaN, -1)
                        : new Keypoint("", p[0], p[1], p[2]));
            }
            cameraViews.add(new CameraView(ProjectiveCamera.of(view.frame().camera(), view.frame().calibration()),
                    points));
        }
        Skeleton3d skeleton = triangulator.triangulate(cameraViews);
        float[] vector = PoseVectors.rootRelative(skeleton.positions());
        if (vector == null) {
            return Optional.empty();
        }
        List<double[]> points = new ArrayList<>(Coco17.SIZE);
        double worst = 0;
        for (TriangulatedPoint point : skeleton.points()) {
            points.add(point == null ? null : point.position());
            worst = point == null ? worst : Math.max(worst, point.reprojectionError());
        }
        List<UUID> frames = group.stream().map(view -> view.frame().frameId()).toList();
        Frame first = group.stream().map(View::frame).min(Comparator.comparing(Frame::capturedAt)).orElseThrow();
        double score = group.stream().mapToDouble(view -> view.pose().score()).min().orElse(0);
        return Optional.of(new PoseRow(instantId(frames), first.sceneId(), first.ownerId(),
                PoseMethod.TRIANGULATED_3D, frames, 0, score, first.capturedAt(), points, worst, vector,
                PoseVectors.rotationInvariant(skeleton.positions()), now));
    }

    /** The same frames make the same id, whatever order they came in. */
    static UUID instantId(List<UUID> frames) {
        List<String> sorted = frames.stream().map(UUID::toString).sorted().toList();
        return UUID.nameUUIDFromBytes(("pose3d:" + String.join(",", sorted)).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code smaller}'s frames are all among {@code larger}'s, and fewer (it is superseded). */
    static boolean supersededBy(PoseRow smaller, PoseRow larger) {
        Set<UUID> frames = new HashSet<>(larger.frameIds());
        return smaller.frameIds().size() < frames.size() && frames.containsAll(smaller.frameIds());
    }

    private static boolean calibrated(CameraCalibration calibration) {
        return calibration != null && calibration.intrinsics() != null && calibration.rotation() != null
                && calibration.translation() != null;
    }
}
