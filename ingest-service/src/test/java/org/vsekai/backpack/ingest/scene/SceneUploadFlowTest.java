package org.vsekai.backpack.ingest.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.triangle;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.GLB;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.GLTF;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.WAIT;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.as;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.asAdmin;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.awaitState;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.sha256;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.uniqueGlb;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.upload;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.xmpScene;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.ingest.fixtures.SceneFixtures;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.TraceContext;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Scene uploads on the real broker and database: a GLB with KHR_xmp_json_ld goes from 202 to PARSED and
 * METADATA_PUBLISHED, its packets and announcement reach Kafka, repeats are recognised, and every malformed or
 * hostile file is refused with its code and place, leaving nothing stored. (%test: max-upload-bytes 4 MiB.)
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class SceneUploadFlowTest {


    @Inject
    BlobStore blobs;

    @Inject
    InMemorySpanExporter spans;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void aGlbWithXmpIsStoredParsedAndItsMetadataPublished() throws Exception {
        String user = "user-" + UUID.randomUUID();
        byte[] glb = SceneFixtures.glb(xmpScene(), triangle());

        ExtractableResponse<Response> accepted = upload(user, GLB, glb).then().statusCode(202)
                .body("format", equalTo("GLB")).body("duplicate", equalTo(false))
                .body("sizeBytes", equalTo(glb.length))
                .header("Location", containsString("/scenes/")).extract();
        String sceneId = accepted.path("sceneId");
        String sha256 = accepted.path("sha256");
        assertThat(blobs.exists(new BlobRef(sha256))).isTrue();

        awaitState(user, sceneId, "METADATA_PUBLISHED");
        as(user).get("/scenes/{id}", sceneId).then().statusCode(200)
                .body("cameraCount", equalTo(1))
                .body("cameras[0].id", equalTo("1"))
                .body("cameras[0].name", equalTo("Eye"))
                .body("cameras[0].calibration.projection", equalTo("PERSPECTIVE"))
                // The eye is 1.5 up, unrotated: R = diag(1, -1, -1), t = -R·(0, 1.5, 0) = (0, 1.5, 0).
                .body("cameras[0].calibration.translation.y", equalTo(1.5f))
                .body("packets.size()", equalTo(3))
                .body("packets[1].attachedTo.kind", equalTo(List.of("node", "mesh")))
                .body("jobs.kind", hasItem("parse-scene"))
                .body("jobs.kind", hasItem("publish-metadata"))
                .body("jobs.state", equalTo(List.of("completed", "completed")));

        List<ConsumerRecord<String, byte[]>> metadata = probe.await(Topics.SCENE_METADATA_NAME,
                record -> sceneId.equals(record.key()), WAIT);
        assertThat(metadata).hasSize(1);
        SceneMetadata event = EventJson.read(metadata.get(0).value(), Topics.SCENE_METADATA);
        assertThat(event.ownerId()).isEqualTo(user);
        assertThat(event.packets()).hasSize(3);
        assertThat(event.packets().get(0).document().at("/dc:title/rdf:_1/@value").asText()).isEqualTo("Waypoint Park");
        SceneUploaded announced = EventJson.read(probe.await(Topics.SCENE_UPLOADED_NAME,
                record -> sceneId.equals(record.key()), WAIT).get(0).value(), Topics.SCENE_UPLOADED);
        assertThat(announced.cameraCount()).isEqualTo(1);
        assertThat(announced.blobRef()).isEqualTo("blob:sha256:" + sha256);

        String upload = accepted.path("jobId");
        as(user).get("/jobs/{id}", upload).then().statusCode(200)
                .body("state", equalTo("EXTRACTED")).body("sceneState", equalTo("METADATA_PUBLISHED"))
                .body("steps.kind", hasItem("parse-scene"));
    }

    /**
     * The upload's trace reaches Kafka through two jobs and the outbox: each job's run is a span of that trace, the
     * second a descendant of the first (parse-scene queues publish-metadata), and the records carry the trace.
     */
    @Test
    void theUploadsTraceRunsThroughItsJobsIntoTheRecords() {
        String user = "user-" + UUID.randomUUID();
        TraceContext trace = TraceContext.random();
        String sceneId = as(user).header(TraceContext.HEADER, trace.traceparent()).contentType(GLB)
                .body(uniqueGlb()).post("/scenes").then().statusCode(202).extract().path("sceneId");
        awaitState(user, sceneId, "METADATA_PUBLISHED");

        ConsumerRecord<String, byte[]> metadata = probe.await(Topics.SCENE_METADATA_NAME,
                record -> sceneId.equals(record.key()), WAIT).get(0);
        assertThat(TopicProbe.header(metadata, TraceContext.HEADER)).contains(trace.traceId());
        ConsumerRecord<String, byte[]> uploaded = probe.await(Topics.SCENE_UPLOADED_NAME,
                record -> sceneId.equals(record.key()), WAIT).get(0);
        assertThat(TopicProbe.header(uploaded, TraceContext.HEADER)).contains(trace.traceId());

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Map<String, SpanData> byId = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(trace.traceId()))
                    .collect(Collectors.toMap(SpanData::getSpanId, span -> span, (a, b) -> a));
            SpanData parse = byId.values().stream().filter(span -> span.getName().equals("parse-scene job"))
                    .findFirst().orElseThrow();
            SpanData publish = byId.values().stream().filter(span -> span.getName().equals("publish-metadata job"))
                    .findFirst().orElseThrow();
            assertThat(ancestors(publish, byId)).contains(parse.getSpanId());
            assertThat(ancestors(parse, byId)).contains(trace.parentSpanId());
        });
    }

    /** The gauge of jobs per state follows the queue: an upload's two completed jobs show within housekeeping's 10 s. */
    @Test
    void theJobsPerStateGaugeCountsTheUploadsJobs() {
        double before = completedJobs();
        String user = "user-" + UUID.randomUUID();
        String sceneId = upload(user, GLB, uniqueGlb()).then().statusCode(202).extract().path("sceneId");
        awaitState(user, sceneId, "METADATA_PUBLISHED");

        Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(completedJobs()).isGreaterThanOrEqualTo(before + 2));
    }

    private static double completedJobs() {
        return io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().filter(line -> line.startsWith("backpack_ingest_jobs{") && line.contains("state=\"completed\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0])).findFirst()
                .orElse(-1);
    }

    /** The span ids above {@code span}, nearest first, as far as the trace's spans (and the caller's) reach. */
    private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<String> chain = new java.util.ArrayList<>();
        String parent = span.getParentSpanId();
        while (parent != null && !parent.equals("0000000000000000") && !chain.contains(parent)) {
            chain.add(parent);
            SpanData next = byId.get(parent);
            parent = next == null ? null : next.getParentSpanId();
        }
        return chain;
    }

    @Test
    void theSameBytesAreStoredOnceAndTheRepeatSaysSo() {
        String user = "user-" + UUID.randomUUID();
        byte[] gltf = SceneFixtures.bytes(SceneFixtures.embedded(xmpScene(), triangle())
                .put("extras", "repeat-" + UUID.randomUUID()));
        ExtractableResponse<Response> first = upload(user, GLTF, gltf).then().statusCode(202)
                .body("alreadyStored", equalTo(false)).extract();
        upload(user, GLTF, gltf).then().statusCode(202)
                .body("sceneId", equalTo(first.path("sceneId")))
                .body("alreadyStored", equalTo(true)).body("duplicate", equalTo(true));
        String other = "user-" + UUID.randomUUID();
        ExtractableResponse<Response> theirs = upload(other, GLTF, gltf).then().statusCode(202)
                .body("alreadyStored", equalTo(true)).body("duplicate", equalTo(false))
                .body("sha256", equalTo(first.path("sha256"))).extract();
        assertThat(theirs.<String>path("sceneId")).isNotEqualTo(first.path("sceneId"));
    }

    @Test
    void aTruncatedGlbIsRefusedAndNothingIsKept() {
        byte[] glb = SceneFixtures.glb(xmpScene(), triangle());
        byte[] truncated = Arrays.copyOf(glb, glb.length - 8);
        refused(GLB, truncated, 422, "invalid-scene-file", "GLB_LENGTH_MISMATCH", "byte 8");
    }

    @Test
    void wrongMagic() {
        byte[] glb = SceneFixtures.glb(xmpScene(), triangle());
        glb[0] = 'x';
        refused(GLB, glb, 422, "invalid-scene-file", "GLB_INVALID_MAGIC", "byte 0");
    }

    @Test
    void aChunkLengthPastTheEndOfTheFile() {
        byte[] glb = SceneFixtures.glb(xmpScene(), triangle());
        int jsonLength = ByteBuffer.wrap(glb, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + jsonLength, 1 << 20);
        refused(GLB, glb, 422, "invalid-scene-file", "GLB_CHUNK_TOO_BIG", "byte " + (20 + jsonLength));
    }

    @Test
    void aCountOfTwoToTheThirtyFirst() {
        ObjectNode json = SceneFixtures.embedded(xmpScene(), triangle());
        ((ObjectNode) json.withArray("accessors").get(0)).put("count", 2147483648L);
        refused(GLTF, SceneFixtures.bytes(json), 422, "invalid-scene-file", "VALUE_NOT_IN_RANGE",
                "/accessors/0/count");
    }

    @Test
    void anIndexOutOfRange() {
        ObjectNode json = SceneFixtures.embedded(xmpScene(), triangle());
        ((ObjectNode) json.withArray("nodes").get(1)).put("camera", 4);
        refused(GLTF, SceneFixtures.bytes(json), 422, "invalid-scene-file", "UNRESOLVED_REFERENCE",
                "/nodes/1/camera");
    }

    @Test
    void deepJson() {
        StringBuilder deep = new StringBuilder("{\"asset\":{\"version\":\"2.0\"},\"extras\":");
        deep.append("[".repeat(100)).append("]".repeat(100)).append('}');
        refused(GLTF, deep.toString().getBytes(StandardCharsets.UTF_8), 422, "file-limit", "max-json-depth",
                "/extras/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0");
    }

    @Test
    void aDataUriBomb() {
        ObjectNode json = SceneFixtures.embedded(xmpScene(), triangle());
        // 3 MiB of base64 (within the 4 MiB upload) for a buffer that says it has 36 bytes.
        ((ObjectNode) json.withArray("buffers").get(0)).put("uri", "data:application/octet-stream;base64,"
                + "A".repeat(3 << 20));
        refused(GLTF, SceneFixtures.bytes(json), 422, "invalid-scene-file", "BUFFER_EMBEDDED_BYTELENGTH_MISMATCH",
                "/buffers/0/uri");
    }

    @Test
    void aWrongContentType() {
        as("user-" + UUID.randomUUID()).contentType("application/zip").body(new byte[] {1, 2, 3})
                .post("/scenes").then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("model/gltf-binary"));
    }

    @Test
    void anOversizeUploadIsCutOffWhileItStreams() {
        byte[] big = new byte[(4 << 20) + 1];
        Arrays.fill(big, (byte) 'x');
        as("user-" + UUID.randomUUID()).contentType(GLB).body(big).post("/scenes").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/file-too-large"))
                .body("detail", containsString("max-upload-bytes"));
    }

    @Test
    void anUploadNeedsAForwardedUser() {
        io.restassured.RestAssured.given().contentType(GLB).body(SceneFixtures.glb(xmpScene(), triangle())).post("/scenes")
                .then().statusCode(401);
    }

    @Test
    void anotherUsersSceneIsNotShown() {
        String owner = "user-" + UUID.randomUUID();
        String sceneId = upload(owner, GLB, uniqueGlb()).then().statusCode(202).extract().path("sceneId");
        as("user-" + UUID.randomUUID()).get("/scenes/{id}", sceneId).then().statusCode(403);
        asAdmin().get("/scenes/{id}", sceneId).then().statusCode(200).body("ownerId", equalTo(owner));
        as(owner).get("/scenes/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aGodotSceneIsReadBestEffort() throws Exception {
        String user = "user-" + UUID.randomUUID();
        byte[] tscn = java.nio.file.Files.readAllBytes(SceneFixtures.sharedData("godot/waypoints_main.tscn"));
        String sceneId = upload(user, "application/x-godot-scene", tscn).then().statusCode(202)
                .body("format", equalTo("TSCN")).extract().path("sceneId");
        awaitState(user, sceneId, "METADATA_PUBLISHED");
        as(user).get("/scenes/{id}", sceneId).then().statusCode(200)
                .body("cameras[0].id", equalTo("13")).body("cameras[0].name", equalTo("Camera3D"))
                .body("references", equalTo(List.of("res://camera.gd", "res://main.gd", "res://waypoint.tscn")))
                .body("packets.size()", equalTo(0));
    }


    private void refused(String type, byte[] body, int status, String problem, String code, String where) {
        String user = "user-" + UUID.randomUUID();
        as(user).contentType(type).body(body).post("/scenes").then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/" + problem))
                .body("detail", containsString(code))
                .body("errors[0].field", equalTo(where));
        BlobRef ref = new BlobRef(sha256(body));
        Awaitility.await("the refused upload's blob is deleted").atMost(WAIT).until(() -> !blobs.exists(ref));
        as(user).get("/jobs").then().statusCode(200).body("jobs.size()", equalTo(0));
    }





}
