package org.vsekai.backpack.ingest.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The job table on the real database: queue once per unique key, run to completion, retry with back-off, discard
 * spent and poison jobs, rescue a job whose worker died, keep a slow worker that lost its claim from completing
 * it too, and share one queue between two workers without running a job twice. The service's own workers are
 * paused; the tests run runners by hand.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class JobQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    JobQueue queue;

    @Inject
    JobWorkers workers;

    @Inject
    ScriptedJobs scripted;

    @Inject
    Pool pool;

    private JobRunner runner;

    @BeforeEach
    void pauseTheServiceWorkers() {
        workers.pause();
        pool.query("CREATE TABLE IF NOT EXISTS test_job_effects (job_id UUID NOT NULL, attempt INT NOT NULL, "
                + "what TEXT NOT NULL)").execute().await().atMost(WAIT);
        runner = runner("worker-a");
    }

    @AfterEach
    void resumeThem() {
        workers.resume();
    }

    @Test
    void aUniqueJobIsQueuedOnce() {
        String subject = "scene-" + UUID.randomUUID();
        NewJob job = NewJob.once(ScriptedJobs.KIND, subject, "ada", args());
        assertThat(enqueue(job)).isTrue();
        assertThat(enqueue(job)).as("same kind and subject").isFalse();
        assertThat(enqueue(new NewJob(ScriptedJobs.KIND, subject, false, "ada", args(), 0))).as("not unique")
                .isTrue();
        assertThat(jobsAbout(subject)).hasSize(2);
    }

    @Test
    void aJobRunsToCompletionWithItsEffectsInItsTransaction() {
        String subject = "scene-" + UUID.randomUUID();
        enqueue(NewJob.once(ScriptedJobs.KIND, subject, "ada", args()));

        runUntilNoneDue(runner);

        Job done = jobsAbout(subject).get(0);
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.attemptedBy()).isEqualTo("worker-a");
        assertThat(done.completedAt()).isAfterOrEqualTo(done.attemptedAt());
        assertThat(effects(done)).containsExactly("performed by worker-a");
    }

    @Test
    void aFailingJobIsRetriedAfterABackOffUntilItSucceeds() {
        String subject = "scene-" + UUID.randomUUID();
        enqueue(new NewJob(ScriptedJobs.KIND, subject, true, "ada", args().put("fail", 2), 5));

        runOnce(runner);
        Job retryable = jobsAbout(subject).get(0);
        assertThat(retryable.state()).isEqualTo(JobState.RETRYABLE);
        assertThat(retryable.lastError()).isEqualTo("scripted failure 1");
        assertThat(retryable.scheduledAt()).as("not due before its back-off").isAfter(retryable.attemptedAt());
        assertThat(effects(retryable)).as("the failed attempt's writes were rolled back").isEmpty();

        Awaitility.await().atMost(WAIT).until(() -> {
            runOnce(runner);
            return jobsAbout(subject).get(0).state() == JobState.COMPLETED;
        });
        Job done = jobsAbout(subject).get(0);
        assertThat(done.attempt()).isEqualTo(3);
        assertThat(done.lastError()).isEqualTo("scripted failure 2");
        assertThat(effects(done)).containsExactly("performed by worker-a");
    }

    @Test
    void aJobThatKeepsFailingIsDiscardedAfterItsLastAttempt() {
        String subject = "scene-" + UUID.randomUUID();
        enqueue(new NewJob(ScriptedJobs.KIND, subject, true, "ada", args().put("fail", 99), 2));

        Awaitility.await().atMost(WAIT).until(() -> {
            runOnce(runner);
            return jobsAbout(subject).get(0).state() == JobState.DISCARDED;
        });
        Job discarded = jobsAbout(subject).get(0);
        assertThat(discarded.attempt()).isEqualTo(2);
        assertThat(discarded.discardedAt()).isNotNull();
        assertThat(discarded.lastError()).isEqualTo("attempts exhausted: scripted failure 2");
        assertThat(effects(discarded)).containsExactly("discarded: attempts exhausted: scripted failure 2");
    }

    @Test
    void poisonInputIsDiscardedAtOnceAndBlocksNothingElse() {
        String poison = "scene-" + UUID.randomUUID();
        String healthy = "scene-" + UUID.randomUUID();
        enqueue(NewJob.once(ScriptedJobs.KIND, poison, "ada", args().put("poison", true)));
        enqueue(NewJob.once(ScriptedJobs.KIND, healthy, "ada", args()));

        runUntilNoneDue(runner);

        Job discarded = jobsAbout(poison).get(0);
        assertThat(discarded.state()).isEqualTo(JobState.DISCARDED);
        assertThat(discarded.attempt()).as("no retries").isEqualTo(1);
        assertThat(effects(discarded)).containsExactly("discarded: poison input: scripted poison");
        assertThat(jobsAbout(healthy).get(0).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aJobWhoseWorkerWasKilledIsRescuedAndCompletesOnce() throws Exception {
        String subject = "scene-" + UUID.randomUUID();
        enqueue(NewJob.once(ScriptedJobs.KIND, subject, "ada", args()));
        // The killed worker: it claimed the job and will never finish it.
        List<Job> claimed = new ArrayList<>();
        Awaitility.await().atMost(WAIT).until(() -> {
            runner("killed").claim(100).await().atMost(WAIT).stream()
                    .filter(job -> job.subject().equals(subject)).forEach(claimed::add);
            return !claimed.isEmpty();
        });
        assertThat(runOnce(runner("worker-b"))).as("an executing job is nobody else's").isZero();

        Thread.sleep(50);
        assertThat(queue.rescue(Duration.ofMillis(10)).await().atMost(WAIT)).isGreaterThanOrEqualTo(1);
        runUntilNoneDue(runner("worker-b"));

        Job done = jobsAbout(subject).get(0);
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.lastError()).startsWith("rescued");
        assertThat(effects(done)).containsExactly("performed by worker-b");
    }

    @Test
    void aSlowWorkerThatLostItsClaimCannotCompleteTheJobAgain() {
        String subject = "scene-" + UUID.randomUUID();
        enqueue(NewJob.once(ScriptedJobs.KIND, subject, "ada", args().put("block", true)));
        JobRunner slow = runner("slow");
        Job claimed = Awaitility.await().atMost(WAIT).until(() -> slow.claim(100).await().atMost(WAIT).stream()
                .filter(job -> job.subject().equals(subject)).findFirst().orElse(null), job -> job != null);
        CompletableFuture<Void> slowRun = slow.run(claimed).subscribeAsCompletionStage();

        Awaitility.await().atMost(WAIT).until(() -> queue.rescue(Duration.ofMillis(10)).await().atMost(WAIT) > 0);
        runUntilNoneDue(runner("worker-b"));
        assertThat(jobsAbout(subject).get(0).state()).isEqualTo(JobState.COMPLETED);

        scripted.release(subject);
        slowRun.join();
        Job done = jobsAbout(subject).get(0);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.attemptedBy()).isEqualTo("worker-b");
        assertThat(effects(done)).as("the slow attempt rolled back").containsExactly("performed by worker-b");
    }

    @Test
    void twoWorkersOnOneQueueRunEveryJobExactlyOnce() {
        String batch = "batch-" + UUID.randomUUID();
        for (int i = 0; i < 200; i++) {
            // Each job takes 20 ms, so that neither worker can run them all before the other has started.
            enqueue(NewJob.once(ScriptedJobs.KIND, batch + "-" + i, "ada", args().put("sleep", 20)));
        }
        JobRunner a = runner("worker-a");
        JobRunner b = runner("worker-b");
        // Threads of their own: the common pool may have a single thread on a small machine.
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> runUntilNoneDue(a), threads);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> runUntilNoneDue(b), threads);
            first.join();
            second.join();
        } finally {
            threads.shutdown();
        }

        List<Row> rows = pool.preparedQuery("SELECT j.state, j.attempt, j.attempted_by, "
                        + "(SELECT count(*) FROM test_job_effects e WHERE e.job_id = j.id) AS effects "
                        + "FROM jobs j WHERE j.subject LIKE $1")
                .execute(Tuple.of(batch + "-%")).await().atMost(WAIT).stream().toList();
        assertThat(rows).hasSize(200);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getString("state")).isEqualTo("completed");
            assertThat(row.getInteger("attempt")).isEqualTo(1);
            assertThat(row.getLong("effects")).isEqualTo(1);
        });
        assertThat(rows.stream().map(row -> row.getString("attempted_by")).distinct())
                .as("both workers took jobs").containsExactlyInAnyOrder("worker-a", "worker-b");
    }

    @Test
    void jobsAreCountedAndListedByState() {
        String subject = "scene-" + UUID.randomUUID();
        enqueue(NewJob.once(ScriptedJobs.KIND, subject, "ada", args().put("poison", true)));
        runUntilNoneDue(runner);
        assertThat(queue.counts().await().atMost(WAIT).get(JobState.DISCARDED)).isPositive();
        assertThat(queue.inState(JobState.DISCARDED, ScriptedJobs.KIND, 100).await().atMost(WAIT))
                .extracting(Job::subject).contains(subject);
        assertThat(queue.inState(JobState.DISCARDED, "other-kind", 100).await().atMost(WAIT)).isEmpty();
    }

    private JobRunner runner(String name) {
        return new JobRunner(name, queue, List.of(scripted), new Backoff(Duration.ofMillis(100),
                Duration.ofSeconds(1), new Random(7)));
    }

    private static ObjectNode args() {
        return EventJson.mapper().createObjectNode();
    }

    private boolean enqueue(NewJob job) {
        return queue.enqueue(pool, job).await().atMost(WAIT) != null;
    }

    private static int runOnce(JobRunner runner) {
        return runner.runOnce(10).await().atMost(WAIT);
    }

    /** Runs until a claim finds nothing due (retryable jobs not yet due are left). */
    private static void runUntilNoneDue(JobRunner runner) {
        for (int claimed = runOnce(runner); claimed > 0; claimed = runOnce(runner)) {
            assertThat(claimed).as("a claim takes at most its limit").isLessThanOrEqualTo(10);
        }
    }

    private List<Job> jobsAbout(String subject) {
        return queue.about(List.of(subject)).await().atMost(WAIT);
    }

    private List<String> effects(Job job) {
        return pool.preparedQuery("SELECT what FROM test_job_effects WHERE job_id = $1 ORDER BY attempt")
                .execute(Tuple.of(job.id())).await().atMost(WAIT).stream().map(row -> row.getString("what"))
                .toList();
    }
}
