package org.vsekai.backpack.ingest.pose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.ingest.frame.Frame;
import org.vsekai.backpack.ingest.frame.FrameStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Writes the poses of a keypoints event, in the transaction that records the event (its scene row locked, so two
 * frames of one instant are assembled one after the other): each body as a 2D pose, then the 3D pose of the instant
 * the frame belongs to, replacing one made from fewer of its frames.
 */
@ApplicationScoped
public class PoseRecorder {

    private final PoseStore poses;
    private final FrameStore frames;
    private final PoseConfig config;
    private final PoseMaker maker;

    public PoseRecorder(PoseStore poses, FrameStore frames, PoseConfig config) {
        this.poses = poses;
        this.frames = frames;
        this.config = config;
        this.maker = new PoseMaker(config);
    }

    /** The pose rows the event wrote (none for a repeat of rows already there). */
    public Uni<List<PoseRow>> record(SqlClient transaction, Keypoints event, Instant now) {
        return frames.find(transaction, event.frameId()).chain(frame -> {
            if (frame == null) {
                return Uni.createFrom().item(List.<PoseRow>of());
            }
            List<PoseRow> planar = maker.planar(event, frame, now);
            return insertAll(transaction, planar).chain(written -> planar.isEmpty()
                    ? Uni.createFrom().item(written)
                    : triangulate(transaction, frame, now).map(spatial -> {
                        List<PoseRow> all = new ArrayList<>(written);
                        spatial.ifPresent(all::add);
                        return all;
                    }));
        });
    }

    private Uni<Optional<PoseRow>> triangulate(SqlClient transaction, Frame frame, Instant now) {
        Instant from = frame.capturedAt().minus(config.window());
        Instant to = frame.capturedAt().plus(config.window());
        return frames.capturedBetween(transaction, frame.sceneId(), from, to).chain(near -> poses.planarOfFrames(
                transaction, near.stream().map(Frame::frameId).toList()).map(planar -> views(near, planar)))
                .chain(views -> {
                    Optional<PoseRow> made = maker.triangulated(frame.frameId(), views, now);
                    if (made.isEmpty()) {
                        return Uni.createFrom().item(Optional.<PoseRow>empty());
                    }
                    PoseRow pose = made.get();
                    return poses.spatialBetween(transaction, frame.sceneId(), from.minus(config.window()),
                            to.plus(config.window())).chain(existing -> {
                                // A pose of the same instant from these frames and more stands: nothing to add.
                                if (existing.stream().anyMatch(old -> PoseMaker.supersededBy(pose, old))) {
                                    return Uni.createFrom().item(Optional.<PoseRow>empty());
                                }
                                List<UUID> superseded = existing.stream()
                                        .filter(old -> PoseMaker.supersededBy(old, pose)).map(PoseRow::poseId)
                                        .toList();
                                return poses.delete(transaction, superseded)
                                        .chain(() -> poses.insert(transaction, pose))
                                        .map(written -> written ? Optional.of(pose) : Optional.<PoseRow>empty());
                            });
                });
    }

    /** Each frame with its best-scoring body. */
    private static List<PoseMaker.View> views(List<Frame> frames, List<PoseRow> planar) {
        Map<UUID, PoseRow> best = new LinkedHashMap<>();
        for (PoseRow pose : planar) {
            best.merge(pose.frameIds().get(0), pose,
                    (a, b) -> Comparator.comparingDouble(PoseRow::score).compare(a, b) >= 0 ? a : b);
        }
        List<PoseMaker.View> views = new ArrayList<>();
        for (Frame frame : frames) {
            PoseRow pose = best.get(frame.frameId());
            if (pose != null) {
                views.add(new PoseMaker.View(frame, pose));
            }
        }
        return views;
    }

    private Uni<List<PoseRow>> insertAll(SqlClient transaction, List<PoseRow> rows) {
        Uni<List<PoseRow>> written = Uni.createFrom().item(new ArrayList<>());
        for (PoseRow row : rows) {
            written = written.chain(done -> poses.insert(transaction, row).map(inserted -> {
                if (inserted) {
                    done.add(row);
                }
                return done;
            }));
        }
        return written;
    }
}
