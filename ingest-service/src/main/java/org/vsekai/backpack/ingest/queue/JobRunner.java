package org.vsekai.backpack.ingest.queue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.kit.tracing.TraceParent;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * One worker of the queue: claims due jobs and runs each through its kind's {@link JobHandler}, its effects and its
 * completion in one transaction (docs/adr/0015). Several runners, in one instance or many, share a queue safely.
 * Each run is a span, {@code <kind> job}, child of the context the job was queued in, and current while the job
 * runs (on a Vert.x context of its own), so the records its handler puts in the outbox continue that trace.
 */
public final class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final int MAX_ERROR_CHARS = 2000;

    private final String name;
    private final JobQueue queue;
    private final Map<String, JobHandler> handlers;
    private final Backoff backoff;
    private final Tracer tracer;
    private final Vertx vertx;

    /** A runner without spans of its own (tests); a job's stored context is still current while it runs. */
    public JobRunner(String name, JobQueue queue, List<JobHandler> handlers, Backoff backoff) {
        this(name, queue, handlers, backoff, TracerProvider.noop().get(JobRunner.class.getName()), null);
    }

    /** @param vertx where each run gets a duplicated context of its own to carry its trace; null for none */
    public JobRunner(String name, JobQueue queue, List<JobHandler> handlers, Backoff backoff, Tracer tracer,
                     Vertx vertx) {
        this.tracer = tracer;
        this.vertx = vertx;
        this.name = name;
        this.queue = queue;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.backoff = backoff;
    }

    public String name() {
        return name;
    }

    /** Claims up to {@code limit} due jobs and runs them all; the number claimed. */
    public Uni<Integer> runOnce(int limit) {
        return claim(limit).chain(jobs -> Multi.createFrom().iterable(jobs)
                .onItem().transformToUniAndMerge(this::run)
                .collect().asList()
                .replaceWith(jobs.size()));
    }

    /** Claims up to {@code limit} due jobs of the kinds this runner has handlers for. */
    public Uni<List<Job>> claim(int limit) {
        return queue.claim(name, limit, handlers.keySet());
    }

    /** Runs one claimed job to its next state, in its span; never fails. */
    public Uni<Void> run(Job job) {
        Context parent = job.traceparent() == null ? Context.root() : TraceParent.context(job.traceparent());
        Span span = tracer.spanBuilder(job.kind() + " job").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("backpack.job.id", job.id().toString())
                .setAttribute("backpack.job.kind", job.kind())
                .setAttribute("backpack.job.attempt", job.attempt())
                .startSpan();
        Context traced = parent.with(span);
        if (vertx == null) {
            return Uni.createFrom().deferred(() -> {
                try (var scope = traced.makeCurrent()) {
                    return runInSpan(job);
                }
            }).eventually(() -> span.end());
        }
        // A fresh duplicated context holds the trace for every continuation of this run (Quarkus keeps the
        // OpenTelemetry context in it), as it does for an HTTP request; it is dropped with the run, so the scope
        // is left open on purpose.
        io.vertx.core.Context duplicate = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        return Uni.createFrom().<Void>emitter(emitter -> duplicate.runOnContext(ignored -> {
            traced.makeCurrent();
            runInSpan(job).subscribe().with(emitter::complete, emitter::fail);
        })).eventually(() -> span.end());
    }

    private Uni<Void> runInSpan(Job job) {
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) {
            return discard(job, null, "no handler for jobs of kind " + job.kind());
        }
        if (job.attempt() > job.maxAttempts()) {
            return discard(job, handler, "attempts exhausted; last error: " + job.lastError());
        }
        LOG.debugf("%s runs %s job %s (attempt %d of %d)", name, job.kind(), job.id(), job.attempt(),
                job.maxAttempts());
        return TransactionRetry.<Boolean>retrying(() -> queue.pool().withTransaction(transaction -> handler
                        .perform(job, transaction)
                        .chain(() -> queue.complete(transaction, job))
                        .invoke(completed -> {
                            if (!completed) {
                                throw new LostClaimException();
                            }
                        })))
                .invoke(() -> {
                    LOG.infof("%s completed %s job %s of %s (attempt %d)", name, job.kind(), job.id(), job.subject(),
                            job.attempt());
                    handler.completed(job);
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> failed(job, handler, failure));
    }

    private Uni<Void> failed(Job job, JobHandler handler, Throwable failure) {
        if (failure instanceof LostClaimException) {
            LOG.warnf("%s lost job %s (rescued and claimed again); its work was rolled back", name, job.id());
            return Uni.createFrom().voidItem();
        }
        String error = describe(failure);
        Span.current().setStatus(StatusCode.ERROR, error);
        if (isPoison(failure)) {
            return discard(job, handler, "poison input: " + error);
        }
        if (job.attempt() >= job.maxAttempts()) {
            return discard(job, handler, "attempts exhausted: " + error);
        }
        var delay = backoff.after(job.attempt());
        LOG.infof("%s job %s of %s failed (attempt %d of %d), retried in %d ms: %s", job.kind(), job.id(),
                job.subject(), job.attempt(), job.maxAttempts(), delay.toMillis(), error);
        return queue.retry(job, error, delay).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Job %s could not be made retryable (it will be rescued): %s",
                        job.id(), e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> discard(Job job, JobHandler handler, String reason) {
        LOG.warnf("%s discards %s job %s of %s: %s", name, job.kind(), job.id(), job.subject(), reason);
        return TransactionRetry.<Boolean>retrying(() -> queue.pool().withTransaction(transaction -> queue
                        .discard(transaction, job, truncate(reason))
                        .call(discarded -> discarded && handler != null
                                ? handler.discarded(job, reason, transaction) : Uni.createFrom().voidItem())))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Job %s could not be discarded (it will be rescued): %s",
                        job.id(), e.getMessage()))
                .onFailure().recoverWithNull();
    }

    static boolean isPoison(Throwable failure) {
        if (failure instanceof PoisonInputException) {
            return true;
        }
        return failure instanceof ProblemException problem && problem.problem().status() >= 400
                && problem.problem().status() < 500;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return truncate(message);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }

    /** The job's completion found it claimed by another attempt: roll this one back. */
    static final class LostClaimException extends RuntimeException {
        LostClaimException() {
            super("the job was claimed again", null, false, false);
        }
    }
}
