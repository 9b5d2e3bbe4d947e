package org.vsekai.backpack.vision.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.vision.Frames;
import org.vsekai.backpack.vision.inference.Dispatch;
import org.vsekai.backpack.vision.inference.InferenceScheduler;
import org.vsekai.backpack.vision.inference.Lane;
import org.vsekai.backpack.vision.metrics.VisionMetrics;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Adaptive processing and QoS on the real broker: the priority lane, per-model budgets, batch sizes that follow the
 * backlog, and per-camera sampling. Each test holds the scheduler to build a known backlog from real
 * {@code camera-frames} records, releases it, and reads what happened from the scheduler's dispatch history and the
 * counters; nothing is timed.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class StreamQosTest {

    private static final Logger LOG = Logger.getLogger(StreamQosTest.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    InferenceScheduler scheduler;

    @Inject
    FrameQueue queue;

    @Inject
    VisionMetrics metrics;

    @Inject
    BlobStore blobs;

    @AfterEach
    void release() {
        scheduler.release();
    }

    @Test
    void anInteractiveRequestIsServedBeforeFramesThatWereQueuedFirst() {
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        List<CameraFrame> sent = heldBacklog(frames, scene, 6);
        CompletableFuture<Integer> request = infer("rf-detr");
        Awaitility.await().atMost(WAIT).until(() -> scheduler.queued(Lane.INTERACTIVE) == 1);
        long before = lastSequence();

        scheduler.release();

        assertThat(request.join()).isEqualTo(200);
        awaitDetections(frames, scene, sent);
        List<Dispatch> after = since(before);
        assertThat(after.get(0).lane()).as("the first dispatch after the release: %s", after)
                .isEqualTo(Lane.INTERACTIVE);
        assertThat(after.stream().filter(d -> d.lane() == Lane.STREAM).mapToInt(Dispatch::images).sum())
                .as("every queued frame ran after it, once per stream model").isEqualTo(6 * 2);
    }

    @Test
    void aModelAtItsBudgetIsPassedOverSoTheStreamRunsWhileItsRequestsWait() {
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        List<CameraFrame> sent = heldBacklog(frames, scene, 3);
        List<CompletableFuture<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(infer("yolov8-pose"));
        }
        Awaitility.await().atMost(WAIT).until(() -> scheduler.queued(Lane.INTERACTIVE) == 4);
        long before = lastSequence();

        scheduler.release();

        requests.forEach(r -> assertThat(r.join()).isEqualTo(200));
        awaitDetections(frames, scene, sent);
        List<Dispatch> after = since(before);
        assertThat(after).filteredOn(d -> d.model().equals("yolov8-pose")).hasSize(4)
                .as("yolov8-pose has a budget of one run at a time").allMatch(d -> d.modelInFlight() == 1);
        assertThat(after).filteredOn(d -> d.lane() == Lane.STREAM)
                .as("with yolov8-pose at its budget, the other worker took stream work although "
                        + "interactive requests were waiting: %s", after)
                .anyMatch(d -> d.interactiveWaiting() > 0);
    }

    @Test
    void aBacklogGrowsTheBatchAndAnIdleStreamRunsFrameByFrame() {
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        List<CameraFrame> sent = heldBacklog(frames, scene, 24);
        long before = lastSequence();

        scheduler.release();

        awaitDetections(frames, scene, sent);
        List<Integer> sizes = since(before).stream().filter(d -> d.lane() == Lane.STREAM
                && d.model().equals("rf-detr")).map(Dispatch::images).toList();
        LOG.infof("Batch sizes of rf-detr while 24 frames were behind: %s", sizes);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(24);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow())
                .as("batch sizes %s", sizes).isGreaterThanOrEqualTo(4);
        assertThat(sizes.size()).as("fewer runs than frames").isLessThan(24);

        long idle = lastSequence();
        CameraFrame alone = frames.send(scene, "alone", 64, 48, 0x303030);
        awaitDetections(frames, scene, List.of(alone));
        assertThat(since(idle)).filteredOn(d -> d.lane() == Lane.STREAM).extracting(Dispatch::images)
                .as("nothing behind: one frame per run").containsOnly(1);
    }

    @Test
    void aLaggingStreamKeepsEachCamerasNewestFrameAndCountsTheSkipped() {
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        double skippedBefore = metrics.skippedCount();
        scheduler.hold();
        List<CameraFrame> newest = new ArrayList<>();
        Set<UUID> older = new HashSet<>();
        String blob = frames.store(Frames.png(64, 48, 0x505050));
        for (int i = 0; i < 15; i++) {
            for (String camera : List.of("a", "b", "c")) {
                CameraFrame frame = Frames.frame(scene, camera, blob, 64, 48);
                frames.send(frame);
                if (i == 14) {
                    newest.add(frame);
                } else {
                    older.add(frame.frameId());
                }
            }
        }

        Awaitility.await().atMost(WAIT).until(() -> metrics.skippedCount() >= skippedBefore + 42);
        assertThat(queue.size()).as("one frame per camera left").isEqualTo(3);
        scheduler.release();

        awaitDetections(frames, scene, newest);
        assertThat(metrics.skippedCount()).isEqualTo(skippedBefore + 42);
        assertThat(detectedFrames(frames, scene)).as("no skipped frame was processed").doesNotContainAnyElementsOf(
                older);
        Awaitility.await().atMost(WAIT).until(() -> !queue.sampling());
    }

    /** With the scheduler held, one frame for each of {@code count} cameras, sent and admitted. */
    private List<CameraFrame> heldBacklog(Frames frames, UUID scene, int count) {
        scheduler.hold();
        String blob = frames.store(Frames.png(64, 48, 0x404040));
        List<CameraFrame> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CameraFrame frame = Frames.frame(scene, "camera-" + i, blob, 64, 48);
            frames.send(frame);
            sent.add(frame);
        }
        Awaitility.await().atMost(WAIT).until(() -> queue.size() >= count);
        return sent;
    }

    private static void awaitDetections(Frames frames, UUID scene, List<CameraFrame> sent) {
        Set<UUID> wanted = new HashSet<>(sent.stream().map(CameraFrame::frameId).toList());
        Awaitility.await().atMost(WAIT).until(() -> detectedFrames(frames, scene).containsAll(wanted));
    }

    private static Set<UUID> detectedFrames(Frames frames, UUID scene) {
        Set<UUID> found = new HashSet<>();
        frames.probe().await(Topics.DETECTIONS_NAME, r -> {
            if (scene.toString().equals(r.key())) {
                found.add(EventJson.read(r.value(), Topics.DETECTIONS).frameId());
            }
            return false;
        }, Duration.ofSeconds(2));
        return found;
    }

    private long lastSequence() {
        List<Dispatch> all = scheduler.recentDispatches();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
    }

    private List<Dispatch> since(long sequence) {
        return scheduler.recentDispatches().stream().filter(d -> d.sequence() > sequence).toList();
    }

    private static CompletableFuture<Integer> infer(String model) {
        byte[] image = Frames.png(200, 100, 0xFFFFFF);
        return CompletableFuture.supplyAsync(() -> given().contentType("image/png").body(image)
                .post("/infer/{model}", model).then().extract().statusCode());
    }
}
