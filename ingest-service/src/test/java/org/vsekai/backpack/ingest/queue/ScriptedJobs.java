package org.vsekai.backpack.ingest.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A test kind of job whose arguments script what it does: {@code {"fail": n}} fails its first n attempts,
 * {@code {"poison": true}} refuses its input, {@code {"block": true}} waits until the test releases it,
 * {@code {"sleep": ms}} takes that long (on a worker thread). Each
 * attempt writes an effect row in the job's transaction, so a test can count what committed.
 */
@ApplicationScoped
public class ScriptedJobs implements JobHandler {

    static final String KIND = "test-scripted";

    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    /** Makes jobs of {@code subject} that block wait until {@link #release}. */
    CountDownLatch gate(String subject) {
        return gates.computeIfAbsent(subject, s -> new CountDownLatch(1));
    }

    void release(String subject) {
        gate(subject).countDown();
    }

    @Override
    public Uni<Void> perform(Job job, SqlConnection transaction) {
        Uni<Void> waited = Uni.createFrom().voidItem();
        if (job.args().path("block").asBoolean() && job.attempt() == 1) {
            waited = Uni.createFrom().item(() -> {
                try {
                    gate(job.subject()).await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
        }
        long sleep = job.args().path("sleep").asLong();
        if (sleep > 0) {
            waited = Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(sleep));
        }
        return waited
                .chain(() -> effect(transaction, job, "performed by " + job.attemptedBy()))
                .invoke(() -> {
                    if (job.args().path("poison").asBoolean()) {
                        throw new PoisonInputException("scripted poison", null);
                    }
                    if (job.attempt() <= job.args().path("fail").asInt()) {
                        throw new IllegalStateException("scripted failure " + job.attempt());
                    }
                });
    }

    @Override
    public Uni<Void> discarded(Job job, String reason, SqlConnection transaction) {
        return effect(transaction, job, "discarded: " + reason);
    }

    private static Uni<Void> effect(SqlConnection transaction, Job job, String what) {
        return transaction.preparedQuery("INSERT INTO test_job_effects (job_id, attempt, what) VALUES ($1, $2, $3)")
                .execute(Tuple.of(job.id(), job.attempt(), what)).replaceWithVoid();
    }
}
