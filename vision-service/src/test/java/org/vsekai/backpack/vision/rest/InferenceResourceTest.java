package org.vsekai.backpack.vision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.vision.Frames;
import org.vsekai.backpack.vision.inference.InferenceScheduler;
import org.vsekai.backpack.vision.inference.Lane;
import org.vsekai.backpack.vision.model.ModelRegistry;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;

/** {@code GET /models} and {@code POST /infer/{model}}, with every limit the resource enforces. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class InferenceResourceTest {

    private static final String PROBLEMS = Problem.TYPE_BASE + "vision/";
    /** Numbers as doubles, so boxes compare with closeTo. */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config().jsonConfig(
            JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Inject
    ModelRegistry registry;

    @Inject
    InferenceScheduler scheduler;

    @AfterEach
    void release() {
        scheduler.release();
    }

    @Test
    void theModelsAreListedWithVersionsAndSignatures() {
        given().get("/models").then().statusCode(200)
                .body("models.name", contains("rf-detr", "yolo-nas-pose", "yolov8-pose"))
                .body("models[0].version", equalTo(registry.find("rf-detr").orElseThrow().version()))
                .body("models[0].sha256.length()", equalTo(64))
                .body("models[0].task", equalTo("detection"))
                .body("models[0].inputs[0].name", equalTo("input"))
                .body("models[0].inputs[0].shape", contains(-1, 3, 64, 64))
                .body("models[0].outputs.name", contains("dets", "labels"))
                .body("models[0].stream", equalTo(true))
                .body("models[1].tensorType", equalTo("uint8"))
                .body("models[2].maxBatch", equalTo(1))
                .body("models[2].stream", equalTo(false));
    }

    @Test
    void anImageIsAnsweredWithTheDecodedFindingsAsJson() {
        given().config(DOUBLES).contentType("image/png").body(Frames.png(200, 100, 0xFFFFFF))
                .post("/infer/rf-detr").then().statusCode(200).contentType("application/json")
                .body("'@context'", nullValue())
                .body("model", equalTo("rf-detr"))
                .body("imageWidth", equalTo(200))
                .body("detections.label", contains("person", "chair", "person", "car"))
                .body("detections[1].box.x", closeTo(30.0, 1e-3))
                .body("detections[1].box.width", closeTo(40.0, 1e-3))
                .body("detections[1].classId", equalTo(62))
                .body("people", hasSize(0))
                .body("timings.run", notNullValue());
    }

    @Test
    void jsonLdIsAnsweredOnRequest() {
        given().config(DOUBLES).contentType("image/jpeg").accept(VisionJsonLd.MEDIA_TYPE).body(Frames.jpeg(1280, 640, 0x404040))
                .post("/infer/yolov8-pose").then().statusCode(200).contentType(VisionJsonLd.MEDIA_TYPE)
                .body("'@context'", equalTo(VisionJsonLd.CONTEXT))
                .body("people", hasSize(2))
                .body("people[0].box.x", closeTo(540.0, 1e-3))
                .body("people[0].points[0].name", equalTo("nose"))
                .body("people[0].chain[0].from", equalTo(11));
    }

    @Test
    void anUnknownModelIsA404Problem() {
        problem(given().contentType("image/png").body(Frames.png(2, 2, 0)).post("/infer/nope"), 404,
                "unknown-model").body("detail", containsString("No model is called nope"));
    }

    @Test
    void whatIsNotAPngOrJpegIsA415Problem() {
        given().contentType("text/plain").body("hello").post("/infer/rf-detr").then().statusCode(415)
                .contentType(Problem.MEDIA_TYPE);
        problem(given().contentType("application/octet-stream").body("GIF89a not really".getBytes())
                .post("/infer/rf-detr"), 415, "unsupported-image").body("detail", containsString("neither PNG"));
    }

    @Test
    void aBrokenImageIsA400Problem() {
        byte[] png = Frames.png(32, 32, 0x123456);
        byte[] truncated = java.util.Arrays.copyOf(png, 45);
        problem(given().contentType("image/png").body(truncated).post("/infer/rf-detr"), 400, "undecodable-image");
    }

    @Test
    void tooManyBytesOrPixelsAre413Problems() {
        // The test profile allows 1 MiB and 4,000,000 pixels.
        byte[] large = new byte[1024 * 1024 + 1];
        large[0] = (byte) 0x89;
        problem(given().contentType("image/png").body(large).post("/infer/rf-detr"), 413, "image-too-large")
                .body("detail", containsString("1048576 bytes"));
        byte[] wide = Frames.encode(new BufferedImage(2001, 2000, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertThat(wide.length).as("small on the wire").isLessThan(100_000);
        problem(given().contentType("image/png").body(wide).post("/infer/rf-detr"), 413, "too-many-pixels")
                .body("detail", containsString("2001x2000"));
    }

    @Test
    void aFullInteractiveLaneIsA503Problem() {
        scheduler.hold();
        byte[] image = Frames.png(8, 8, 0);
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> given().contentType("image/png").body(image)
                    .post("/infer/rf-detr").then().extract().statusCode()));
        }
        Awaitility.await().until(() -> scheduler.queued(Lane.INTERACTIVE) == 8);

        problem(given().contentType("image/png").body(image).post("/infer/rf-detr"), 503, "busy")
                .body("detail", containsString("8 requests are waiting"));

        scheduler.release();
        waiting.forEach(request -> assertThat(request.join()).isEqualTo(200));
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String type) {
        return response.then().statusCode(status).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(status));
    }
}
