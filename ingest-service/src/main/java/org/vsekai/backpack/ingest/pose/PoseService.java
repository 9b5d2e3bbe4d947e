package org.vsekai.backpack.ingest.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.pose.PoseSearchRequest;
import org.vsekai.backpack.contracts.pose.PoseSearchResult;
import org.vsekai.backpack.contracts.pose.ScenePose;
import org.vsekai.backpack.ingest.share.ShareService;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.pose.search.PoseMatch;
import org.vsekai.backpack.pose.skeleton.Coco17;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Pose search over the caller's poses, and a scene's poses as a rig takes them. */
@ApplicationScoped
public class PoseService {

    private static final int DEFAULT_LIMIT = 10;

    private final Pool pool;
    private final PoseStore store;
    private final PoseSearchIndex index;
    private final ShareService shares;
    private final PoseConfig config;
    private final PoseViews views;

    public PoseService(Pool pool, PoseStore store, PoseSearchIndex index, ShareService shares, PoseConfig config,
                       PoseViews views) {
        this.pool = pool;
        this.store = store;
        this.index = index;
        this.shares = shares;
        this.config = config;
        this.views = views;
    }

    /** The query checked, then its vector searched in the owner's index; matches read back from the table. */
    public Uni<PoseSearchResult> search(Caller caller, PoseSearchRequest request) {
        if (request == null) {
            throw invalid("body", "a pose search needs a body");
        }
        int queries = (request.poseId() != null ? 1 : 0) + (request.frameId() != null ? 1 : 0)
                + (request.points() != null ? 1 : 0);
        if (queries != 1) {
            throw invalid("poseId", "give exactly one of poseId, frameId and points");
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > config.maxResults()) {
            throw invalid("limit", "must be from 1 to " + config.maxResults());
        }
        String owner = request.ownerId() == null ? caller.userId() : request.ownerId();
        if (!caller.mayActFor(owner)) {
            throw new ProblemException(Problem.ofType("forbidden", 403, "Forbidden",
                    "Only an admin searches another user's poses"));
        }
        boolean invariant = Boolean.TRUE.equals(request.rotationInvariant());
        return query(caller, request).map(query -> {
            float[] vector = query.vector(invariant);
            if (vector == null) {
                throw new ProblemException(Problem.ofType("pose/no-torso", 422, "The pose has no torso",
                        "A rotation-invariant search needs the hips, the shoulders and a torso direction"));
            }
            return new Query(query.method(), query.poseId(), vector);
        }).chain(query -> {
            // One more than asked, since the query's own pose may be among them.
            PoseSearchIndex.Found found = index.nearest(owner, new PoseSearchIndex.Key(query.method(), invariant),
                    query.vector(), limit + 1);
            List<UUID> ids = found.matches().stream().map(match -> UUID.fromString(match.id()))
                    .filter(id -> !id.equals(query.poseId())).toList();
            return store.byIds(pool, ids).map(rows -> {
                Map<UUID, PoseRow> byId = rows.stream()
                        .collect(Collectors.toMap(PoseRow::poseId, Function.identity()));
                List<PoseSearchResult.Match> matches = new ArrayList<>();
                for (PoseMatch match : found.matches()) {
                    PoseRow row = byId.get(UUID.fromString(match.id()));
                    // A pose deleted since it was indexed (erased, or superseded by a 3D pose of more cameras).
                    if (row != null && !row.poseId().equals(query.poseId()) && matches.size() < limit) {
                        matches.add(new PoseSearchResult.Match(row.poseId(), row.sceneId(), row.frameIds(),
                                row.person(), row.capturedAt(), match.similarity()));
                    }
                }
                return new PoseSearchResult(query.method().column(), invariant, found.method().name(),
                        found.indexed(), matches);
            });
        });
    }

    private record Query(PoseMethod method, UUID poseId, float[] vector) {
    }

    /** The stored pose the request names, or one made of its points (no id). */
    private Uni<PoseRow> query(Caller caller, PoseSearchRequest request) {
        if (request.points() != null) {
            PoseMethod method = PoseMethod.of(request.method()).orElseThrow(() -> invalid("method",
                    "with points, one of single-camera-2d and triangulated-3d"));
            List<double[]> points = points(request.points(), method == PoseMethod.SINGLE_CAMERA_2D ? 2 : 3);
            float[] vector = method == PoseMethod.SINGLE_CAMERA_2D ? PoseMaker.planarVector(points, false)
                    : PoseMaker.spatialVector(points, false);
            if (vector == null) {
                throw new ProblemException(Problem.ofType("pose/no-root", 422, "The pose has no hips",
                        "Poses are compared relative to the midpoint of the hips: both hip points are needed"));
            }
            float[] invariant = method == PoseMethod.SINGLE_CAMERA_2D ? PoseMaker.planarVector(points, true)
                    : PoseMaker.spatialVector(points, true);
            return Uni.createFrom().item(new PoseRow(null, null, caller.userId(), method, List.of(), 0, 1, null,
                    points, null, vector, invariant, null));
        }
        Uni<PoseRow> stored = request.poseId() != null ? store.find(pool, request.poseId())
                : store.ofFrame(pool, request.frameId(), request.person() == null ? 0 : request.person());
        return stored.map(pose -> {
            if (pose == null) {
                throw new ProblemException(Problem.ofType("pose/not-found", 404, "No such pose",
                        request.poseId() != null ? "No pose has id " + request.poseId()
                                : "Frame " + request.frameId() + " has no pose of body "
                                + (request.person() == null ? 0 : request.person())));
            }
            if (!caller.mayActFor(pose.ownerId())) {
                throw new ProblemException(Problem.ofType("forbidden", 403, "Forbidden",
                        "The pose is of another user's scene"));
            }
            return pose;
        });
    }

    private static List<double[]> points(List<List<Double>> given, int dimensions) {
        if (given.size() != Coco17.SIZE) {
            throw invalid("points", "the " + Coco17.SIZE + " COCO points, not " + given.size());
        }
        List<double[]> points = new ArrayList<>(Coco17.SIZE);
        for (int i = 0; i < given.size(); i++) {
            List<Double> point = given.get(i);
            if (point == null) {
                points.add(null);
                continue;
            }
            if (point.size() != dimensions || point.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
                throw invalid("points[" + i + "]", dimensions + " finite numbers, or null");
            }
            points.add(point.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return points;
    }

    /** The scene's poses (its owner, an admin, or those it is shared with), each with what drives a rig. */
    public Uni<ScenePose.Poses> ofScene(Caller caller, UUID sceneId) {
        return shares.requireFollowable(caller, sceneId)
                .chain(scene -> store.ofScene(pool, sceneId))
                .map(rows -> new ScenePose.Poses(sceneId, rows.stream().map(views::of).toList()));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid("The pose search is not valid",
                List.of(new Problem.FieldError(field, message))));
    }
}
