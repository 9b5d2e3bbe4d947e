package org.vsekai.backpack.ingest.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.as;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.asAdmin;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.parsedScene;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.ingest.fixtures.Images;
import org.vsekai.backpack.ingest.fixtures.RingScene;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Quaternion;
import org.vsekai.backpack.pose.skeleton.Vec3;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.SqlProbe;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.contracts.pose.AvatarPoses;
import org.vsekai.backpack.contracts.pose.ScenePose;
import org.vsekai.backpack.testkit.UserErasureProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Poses on the real broker and database: a scene whose three ring cameras each take a frame of one instant, and the
 * keypoints the vision-service would publish for them (the body's exact projections) — each body a 2D pose, the
 * instant one 3D pose recovered to a micrometre (replacing the one of its first two frames), a redelivered event
 * adding nothing, the poses searchable by the owner only, and gone with the owner's erasure.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class PoseFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    @SuppressWarnings("unchecked")
    void threeCamerasOfOneInstantMakeOne3dPoseSearchableByItsOwnerOnly() throws Exception {
        String user = "user-" + UUID.randomUUID();
        byte[] glb = RingScene.glb();
        String sceneId = parsedScene(user, glb);
        Instant instant = Instant.parse("2026-12-03T10:00:00Z");
        List<Vec3> body = RingScene.body(new Random(7));

        List<String> frames = new ArrayList<>();
        List<Keypoints> events = new ArrayList<>();
        for (int c = 0; c < RingScene.CAMERAS.size(); c++) {
            String camera = RingScene.CAMERAS.get(c);
            Instant captured = instant.plusMillis(4L * c);
            var accepted = as(user).contentType("image/png").header("X-Backpack-Captured-At", captured.toString())
                    .body(Images.encoded("png", RingScene.WIDTH, RingScene.HEIGHT))
                    .post("/scenes/{id}/cameras/{camera}/frames", sceneId, camera).then().statusCode(202).extract();
            String frameId = accepted.path("frameId");
            frames.add(frameId);
            // The calibration the frame travels with in camera-frames: what the vision-service's points refer to.
            CameraCalibration calibration = EventJson.mapper().treeToValue(
                    EventJson.mapper().readTree(accepted.asString()).get("calibration"), CameraCalibration.class);
            KeypointSet seen = RingScene.seen(ProjectiveCamera.of(camera, calibration), body);
            events.add(new Keypoints(1, UUID.randomUUID(), UUID.fromString(sceneId), UUID.fromString(frameId),
                    "yolo-nas-pose", "1", List.of(seen), camera, RingScene.WIDTH, RingScene.HEIGHT, captured, null));
        }
        for (Keypoints event : events) {
            probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(event));
        }
        JsonPath poses = awaitPoses(user, sceneId, found -> found.getList("poses").size() == 4
                && found.getList("poses.findAll { it.method == 'triangulated-3d' }.frameIds[0]").size() == 3);
        assertThat(poses.getList("poses.method")).containsExactlyInAnyOrder("triangulated-3d", "single-camera-2d",
                "single-camera-2d", "single-camera-2d");
        Map<String, Object> spatial = poses.getMap("poses.find { it.method == 'triangulated-3d' }");
        assertThat((List<String>) spatial.get("frameIds")).containsExactlyInAnyOrderElementsOf(frames);
        assertThat(((Number) spatial.get("reprojectionError")).doubleValue()).isLessThan(1e-6);
        List<List<Number>> points = (List<List<Number>>) spatial.get("points");
        for (int i = 0; i < Coco17.SIZE; i++) {
            Vec3 truth = body.get(i);
            Vec3 found = new Vec3(points.get(i).get(0).doubleValue(), points.get(i).get(1).doubleValue(),
                    points.get(i).get(2).doubleValue());
            assertThat(found.minus(truth).length()).as("point %d", i).isLessThan(1e-6);
        }
        assertThat(((Map<String, Object>) spatial.get("rotations"))).containsKeys("Hips", "Spine", "LeftUpperArm",
                "RightLowerLeg");
        assertThat(poses.getMap("poses.find { it.method == 'single-camera-2d' }.boneAngles")).containsKey("LEFT_ELBOW");
        String spatialId = (String) spatial.get("poseId");

        // Each event's poses went to the live stream after they committed, keyed by scene: the last one with the
        // instant's 3D pose of all three frames, as the scene's poses show it.
        List<AvatarPoses> live = awaitLive(sceneId, notice -> notice.poses().stream()
                .anyMatch(pose -> pose.poseId().toString().equals(spatialId)));
        assertThat(live).extracting(AvatarPoses::eventId).containsExactlyInAnyOrderElementsOf(
                events.stream().map(AvatarPosePublisher::eventIdOf).toList());
        AvatarPoses last = live.stream().filter(notice -> notice.poses().stream()
                .anyMatch(pose -> pose.poseId().toString().equals(spatialId))).findFirst().orElseThrow();
        ScenePose liveSpatial = last.poses().stream().filter(pose -> pose.method().equals("triangulated-3d"))
                .findFirst().orElseThrow();
        assertThat(liveSpatial.frameIds()).extracting(UUID::toString).containsExactlyInAnyOrderElementsOf(frames);
        assertThat(liveSpatial.rotations()).containsKeys("Hips", "LeftUpperArm");
        assertThat(liveSpatial.globalRotations()).containsOnlyKeys(liveSpatial.rotations().keySet());
        assertThat(last.poses()).filteredOn(pose -> pose.method().equals("single-camera-2d")).hasSize(1)
                .allSatisfy(pose -> assertThat(pose.boneAngles()).containsKey("LEFT_ELBOW"));
        assertThat(last.capturedAt()).isIn(events.stream().map(Keypoints::capturedAt).toList());
        // Who may follow the scene (the gateway asks before it opens a stream).
        as(user).get("/scenes/{id}/access", sceneId).then().statusCode(204);
        as("user-" + UUID.randomUUID()).get("/scenes/{id}/access", sceneId).then().statusCode(403)
                .contentType("application/problem+json");
        as(user).get("/scenes/{id}/access", UUID.randomUUID().toString()).then().statusCode(404);

        // Redelivered, the first event writes nothing: a later frame's pose shows after it, and the count is five.
        probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(events.get(0)));
        Instant later = instant.plusSeconds(60);
        String laterFrame = as(user).contentType("image/png").header("X-Backpack-Captured-At", later.toString())
                .body(Images.encoded("png", RingScene.WIDTH, RingScene.HEIGHT))
                .post("/scenes/{id}/cameras/{camera}/frames", sceneId, "2").then().statusCode(202).extract()
                .path("frameId");
        KeypointSet other = events.get(1).sets().get(0);
        probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(new Keypoints(1, UUID.randomUUID(),
                UUID.fromString(sceneId), UUID.fromString(laterFrame), "yolo-nas-pose", "1", List.of(other), "2",
                RingScene.WIDTH, RingScene.HEIGHT, later, null)));
        poses = awaitPoses(user, sceneId, found -> found.getList("poses.frameIds.flatten()").contains(laterFrame));
        assertThat(poses.getList("poses")).hasSize(5);
        // The repeat wrote nothing, so it sent nothing: one notice per event on the stream.
        live = awaitLive(sceneId, notice -> notice.frameId().toString().equals(laterFrame));
        assertThat(live).extracting(AvatarPoses::eventId).doesNotHaveDuplicates().hasSize(4);

        // Search: the body's own 3D points, moved, turned and scaled, find its 3D pose (turned: only invariantly).
        List<List<Double>> moved = new ArrayList<>();
        Quaternion turn = Quaternion.ofAxisAngle(Vec3.Y, 1.2);
        for (Vec3 p : body) {
            Vec3 q = turn.rotate(p.minus(RingScene.SUBJECT)).times(1.7).plus(new Vec3(3, 0, -2));
            moved.add(List.of(q.x(), q.y(), q.z()));
        }
        JsonPath invariant = awaitSearch(user, Map.of("points", moved, "method", "triangulated-3d",
                "rotationInvariant", true), found -> found.getList("poses").size() == 1);
        assertThat(invariant.getString("poses[0].poseId")).isEqualTo(spatialId);
        assertThat(invariant.getDouble("poses[0].similarity")).isGreaterThan(0.999999);
        assertThat(invariant.getString("search")).isEqualTo("EXACT");
        double turned = search(user, Map.of("points", moved, "method", "triangulated-3d")).getDouble(
                "poses[0].similarity");
        assertThat(turned).isLessThan(0.99);

        // A 2D pose by its frame: the other views of the body, and never itself; the same points find it first.
        JsonPath byFrame = awaitSearch(user, Map.of("frameId", frames.get(1), "limit", 10),
                found -> found.getList("poses").size() == 3);
        assertThat(byFrame.getString("method")).isEqualTo("single-camera-2d");
        assertThat(byFrame.getList("poses.frameIds.flatten()")).doesNotContain(frames.get(1))
                .contains(frames.get(0), frames.get(2), laterFrame);
        // The later frame holds camera 3's view seen again: the same 2D points, so similarity 1 and first.
        assertThat(byFrame.getString("poses[0].frameIds[0]")).isEqualTo(laterFrame);
        assertThat(byFrame.getDouble("poses[0].similarity")).isGreaterThan(0.999999);
        List<List<Double>> xy = other.points().stream().map(k -> List.of(k.x(), k.y())).toList();
        JsonPath byPoints = search(user, Map.of("points", xy, "method", "single-camera-2d", "limit", 2));
        assertThat(byPoints.getList("poses.frameIds.flatten()")).containsExactlyInAnyOrder(frames.get(1), laterFrame);

        // Another user sees none of it; bad queries are 400 or 422 problems.
        String stranger = "user-" + UUID.randomUUID();
        as(stranger).contentType("application/json").body(Map.of("poseId", spatialId)).post("/poses/search")
                .then().statusCode(403).contentType("application/problem+json");
        as(stranger).contentType("application/json").body(Map.of("poseId", spatialId, "ownerId", user))
                .post("/poses/search").then().statusCode(403);
        as(stranger).get("/scenes/{id}/poses", sceneId).then().statusCode(403);
        assertThat(search(stranger, Map.of("points", moved, "method", "triangulated-3d")).getList("poses")).isEmpty();
        // An admin names the owner: the one 3D pose (a poseId query would leave it out as the query itself).
        asAdmin().contentType("application/json").body(Map.of("points", moved, "method", "triangulated-3d",
                        "rotationInvariant", true, "ownerId", user)).post("/poses/search").then().statusCode(200)
                .body("poses.poseId", equalTo(List.of(spatialId)));
        as(user).contentType("application/json").body(Map.of("poseId", spatialId)).post("/poses/search").then()
                .statusCode(200).body("poses.size()", equalTo(0));
        as(user).contentType("application/json").body(Map.of("poseId", spatialId, "frameId", frames.get(0)))
                .post("/poses/search").then().statusCode(400).body("errors[0].field", equalTo("poseId"));
        as(user).contentType("application/json").body(Map.of("points", moved.subList(0, 16), "method",
                "triangulated-3d")).post("/poses/search").then().statusCode(400)
                .body("errors[0].field", equalTo("points"));
        as(user).contentType("application/json").body(Map.of("poseId", spatialId, "limit", 101))
                .post("/poses/search").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        List<List<Double>> hipless = new ArrayList<>(moved);
        hipless.set(Coco17.LEFT_HIP, null);
        as(user).contentType("application/json").body(Map.of("points", hipless, "method", "triangulated-3d"))
                .post("/poses/search").then().statusCode(422).body("type", org.hamcrest.Matchers.endsWith("no-root"));
        as(user).contentType("application/json").body(Map.of("poseId", UUID.randomUUID().toString()))
                .post("/poses/search").then().statusCode(404);

        // Erased, the user's poses are gone from the table and from every answer.
        UserErasureProbe erasures = new UserErasureProbe(probe, new SqlProbe(pool));
        erasures.awaitProcessed(erasures.erase(user));
        assertThat(new SqlProbe(pool).count("SELECT count(*) FROM poses WHERE owner_id = $1", user)).isZero();
        assertThat(search(user, Map.of("points", moved, "method", "triangulated-3d")).getList("poses")).isEmpty();
    }

    /** The scene's avatar-poses records (one partition: its key's), read again until one matches {@code wanted}. */
    private List<AvatarPoses> awaitLive(String sceneId, java.util.function.Predicate<AvatarPoses> wanted) {
        return Awaitility.await("avatar-poses of " + sceneId).atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> probe.await(Topics.AVATAR_POSES_NAME, record -> sceneId.equals(record.key()),
                                Duration.ofSeconds(5)).stream()
                        .map(record -> EventJson.read(record.value(), Topics.AVATAR_POSES)).toList(),
                        notices -> notices.stream().anyMatch(wanted));
    }

    private static JsonPath awaitPoses(String user, String sceneId, java.util.function.Predicate<JsonPath> done) {
        return Awaitility.await("poses of " + sceneId).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> doubles(as(user).get("/scenes/{id}/poses", sceneId).then().statusCode(200).extract()
                        .asString()), done);
    }

    private static JsonPath awaitSearch(String user, Map<String, Object> query,
                                        java.util.function.Predicate<JsonPath> done) {
        return Awaitility.await("search " + query.keySet()).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> search(user, query), done);
    }

    private static JsonPath search(String user, Map<String, Object> query) {
        return doubles(as(user).contentType("application/json").body(query).post("/poses/search").then()
                .statusCode(200).extract().asString());
    }

    /** Numbers as doubles (JsonPath reads floats by default: too coarse for micrometres). */
    private static JsonPath doubles(String json) {
        return new JsonPath(json).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
