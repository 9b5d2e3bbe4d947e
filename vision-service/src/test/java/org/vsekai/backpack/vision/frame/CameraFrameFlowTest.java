package org.vsekai.backpack.vision.frame;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class CameraFrameFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = Topics.CAMERA_FRAMES_NAME;
    private static final String DLQ = Topics.CAMERA_FRAMES.deadLetterTopic();
    // The value may be followed by an exemplar (the trace of the last increment), hence no end anchor.
    private static final Pattern RECEIVED =
            Pattern.compile("^backpack_vision_frames_received_total(?:\\{[^}]*})? (\\S+)", Pattern.MULTILINE);
    private static final Pattern REJECTED =
            Pattern.compile("^backpack_vision_frames_rejected_total(?:\\{[^}]*})? (\\S+)", Pattern.MULTILINE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TopicProbe probe;

    @BeforeEach
    void openProbe() {
        probe = new TopicProbe(bootstrapServers);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void aValidFrameIsCounted() {
        double before = framesReceived();

        send(frame(UUID.randomUUID(), 640, 480, "blob://frames/valid"));

        Awaitility.await().atMost(WAIT).until(() -> framesReceived() >= before + 1);
    }

    @Test
    void aFrameWithoutWidthGoesToTheDeadLetterTopicWithTheReason() {
        UUID sceneId = UUID.randomUUID();
        CameraFrame invalid = frame(sceneId, 0, 480, "blob://frames/zero-width");
        double before = counter(REJECTED);

        send(invalid);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(sceneId);
        assertThat(TopicProbe.header(dead, "dead-letter-reason")).contains("width 0").contains("8192");
        assertThat(TopicProbe.header(dead, "dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(EventJson.read(dead.value(), Topics.CAMERA_FRAMES).frameId())
                .as("the dead letter is the frame itself").isEqualTo(invalid.frameId());
        assertThat(counter(REJECTED)).as("counted as rejected").isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextFrameIsStillTaken() {
        UUID sceneId = UUID.randomUUID();
        double before = framesReceived();

        probe.send(TOPIC, sceneId.toString(), "{\"eventId\": 42");
        send(frame(sceneId, 1920, 1080, "blob://frames/after-the-bad-one"));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(sceneId);
        assertThat(TopicProbe.value(dead)).as("the record is kept as sent").isEqualTo("{\"eventId\": 42");
        assertThat(TopicProbe.header(dead, "dead-letter-reason")).contains("not a valid CameraFrame");
        Awaitility.await().atMost(WAIT).until(() -> framesReceived() >= before + 1);
    }

    private void send(CameraFrame frame) {
        probe.send(TOPIC, frame.sceneId().toString(), EventJson.write(frame));
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(UUID sceneId) {
        List<ConsumerRecord<String, byte[]>> dead = probe.await(DLQ, r -> sceneId.toString().equals(r.key()), WAIT);
        assertThat(dead).as("dead letters keyed %s", sceneId).hasSize(1);
        return dead.get(0);
    }

    private static double framesReceived() {
        return counter(RECEIVED);
    }

    /** A counter as Prometheus scrapes it. */
    private static double counter(Pattern line) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = line.matcher(metrics);
        assertThat(matcher.find()).as("%s is exported", line).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static CameraFrame frame(UUID sceneId, int width, int height, String blobRef) {
        CameraCalibration lens = new CameraCalibration(CameraCalibration.Projection.PERSPECTIVE, 0.66, 1.5, null,
                null, 0.01, 100.0);
        return new CameraFrame(1, UUID.randomUUID(), sceneId, UUID.randomUUID(), blobRef, "Camera.001", lens, width,
                height, Instant.now());
    }
}
