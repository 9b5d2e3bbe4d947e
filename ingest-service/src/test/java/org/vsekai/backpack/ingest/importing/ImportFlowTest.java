package org.vsekai.backpack.ingest.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.WAIT;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.as;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.asAdmin;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.awaitState;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.uniqueGlb;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.ingest.queue.Backoff;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.JobRunner;
import org.vsekai.backpack.ingest.queue.JobWorkers;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.kit.blob.StoredBlob;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.SqlProbe;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Batch imports on the real broker and database (%test: two lines a chunk): every kind of line, bad lines counted
 * and skipped, a poison scene discarded to the dead-letter topic without stopping anything, and a chunk whose worker
 * died resumed from the committed cursor without writing anything twice.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class ImportFlowTest {

    @Inject
    BlobStore blobs;

    @Inject
    JobQueue queue;

    @Inject
    JobWorkers workers;

    @Inject
    ImportChunkJob chunks;

    @Inject
    Pool pool;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @AfterEach
    void resumeTheWorkers() {
        workers.resume();
    }

    @Test
    void everyKindOfLineIsImportedAndAPoisonSceneGoesToTheDeadLetterTopic() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        StoredBlob good = blobs.put(new ByteArrayInputStream(uniqueGlb()), 1 << 20);
        byte[] garbage = new byte[64];
        new Random().nextBytes(garbage);
        StoredBlob poison = blobs.put(new ByteArrayInputStream(garbage), 1 << 20);
        UUID metadataScene = UUID.randomUUID();
        UUID poisonScene = UUID.randomUUID();
        String ndjson = String.join("\n",
                "{\"ownerId\": \"" + alice + "\", \"blobRef\": \"" + good.ref() + "\", \"format\": \"GLB\"}",
                "{not json",
                "",
                "{\"sceneId\": \"" + poisonScene + "\", \"ownerId\": \"" + alice + "\", \"blobRef\": \"" + poison.ref()
                        + "\", \"format\": \"GLB\"}",
                "{\"ownerId\": \"" + alice + "\", \"blobRef\": \"blob:sha256:" + "0".repeat(64)
                        + "\", \"format\": \"GLB\"}",
                "{\"sceneId\": \"" + metadataScene + "\", \"ownerId\": \"" + alice + "\", \"packets\": [{\"index\": 0, "
                        + "\"attachedTo\": [{\"kind\": \"asset\"}], \"document\": {\"@context\": {\"dc\": "
                        + "\"http://purl.org/dc/elements/1.1/\"}, \"dc:title\": \"Imported\"}}]}");

        as(alice).contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/imports")
                .then().statusCode(403);
        String importId = start(ndjson).path("importId");

        ImportProgress done = awaitFinished(importId);
        assertThat(done.linesDone()).as("blank lines are no lines").isEqualTo(5);
        assertThat(done.rowsWritten()).isEqualTo(3);
        assertThat(done.linesFailed()).isEqualTo(2);
        assertThat(done.lastError()).contains("the blob store has no");
        assertThat(jobsOf(importId)).as("one chunk job per two lines, each completed")
                .hasSize(3).allMatch(job -> job.state().column().equals("completed"));

        List<ConsumerRecord<String, byte[]>> metadata = probe.await(Topics.SCENE_METADATA_NAME,
                record -> metadataScene.toString().equals(record.key()), WAIT);
        assertThat(EventJson.read(metadata.get(0).value(), Topics.SCENE_METADATA).packets().get(0).document()
                .path("dc:title").asText()).isEqualTo("Imported");

        List<ConsumerRecord<String, byte[]>> dead = probe.await(Topics.SCENE_UPLOADED.deadLetterTopic(),
                record -> poisonScene.toString().equals(record.key()), WAIT);
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("GLB_INVALID_MAGIC");
        awaitState(alice, poisonScene.toString(), "FAILED");
        as(alice).get("/scenes/{id}", poisonScene).then().body("error", org.hamcrest.Matchers.containsString(
                "poison input")).body("jobs[0].state", equalTo("discarded"));

        String imported = new SqlProbe(pool).rows("SELECT CAST(id AS TEXT) AS id FROM scenes WHERE owner_id = $1 "
                + "AND blob_sha256 = $2", alice, good.ref().sha256()).get(0).getString("id");
        awaitState(alice, imported, "METADATA_PUBLISHED");
    }

    @Test
    void aChunkWhoseWorkerDiedIsResumedFromTheCommittedCursorWithoutDuplicates() throws Exception {
        workers.pause();
        String owner = "bob-" + UUID.randomUUID();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            StoredBlob blob = blobs.put(new ByteArrayInputStream(uniqueGlb()), 1 << 20);
            lines.append("{\"ownerId\": \"").append(owner).append("\", \"blobRef\": \"").append(blob.ref())
                    .append("\", \"format\": \"GLB\"}\n");
        }
        String importId = start(lines.toString()).path("importId");

        // A worker claims the first chunk and dies with it.
        JobRunner killed = new JobRunner("killed", queue, List.of(chunks), new Backoff(Duration.ofMillis(10),
                Duration.ofMillis(10), new Random(1)));
        List<Job> claimed = killed.claim(10).await().atMost(WAIT);
        assertThat(claimed).extracting(Job::subject).contains(importId);
        Thread.sleep(20);
        assertThat(queue.rescue(Duration.ofMillis(10)).await().atMost(WAIT)).isPositive();
        workers.resume();

        ImportProgress done = awaitFinished(importId);
        assertThat(done.linesDone()).isEqualTo(6);
        assertThat(done.rowsWritten()).isEqualTo(6);
        SqlProbe sql = new SqlProbe(pool);
        assertThat(sql.count("SELECT count(*) FROM scenes WHERE owner_id = $1", owner)).isEqualTo(6);
        assertThat(sql.count("SELECT count(*) FROM upload_jobs WHERE owner_id = $1", owner)).isEqualTo(6);
        assertThat(sql.count("SELECT count(*) FROM jobs WHERE owner_id = $1 AND kind = 'parse-scene'", owner))
                .isEqualTo(6);
        assertThat(jobsOf(importId)).anySatisfy(job -> {
            assertThat(job.attempt()).isEqualTo(2);
            assertThat(job.lastError()).startsWith("rescued");
        });

        // The same chunk delivered again after the end changes nothing.
        queue.enqueue(pool, ImportChunkJob.chunk(UUID.fromString(importId), owner)).await().atMost(WAIT);
        workers.wake();
        Awaitility.await().atMost(WAIT).until(() -> jobsOf(importId).stream()
                .allMatch(job -> job.state().column().equals("completed")));
        assertThat(sql.count("SELECT count(*) FROM scenes WHERE owner_id = $1", owner)).isEqualTo(6);
        assertThat(awaitFinished(importId).rowsWritten()).isEqualTo(6);
    }

    private static ExtractableResponse<Response> start(String ndjson) {
        return asAdmin().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/imports").then().statusCode(202).extract();
    }

    private static ImportProgress awaitFinished(String importId) {
        return Awaitility.await("import " + importId).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> asAdmin().get("/imports/{id}", importId).then().statusCode(200).extract()
                        .as(ImportProgress.class), progress -> progress.finishedAt() != null);
    }

    private List<Job> jobsOf(String importId) {
        return queue.about(List.of(importId)).await().atMost(WAIT);
    }
}
