package org.vsekai.backpack.ingest.deadletter;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobHandler;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.NewJob;
import org.vsekai.backpack.ingest.sql.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Dead-letter records of discarded jobs, on the dead-letter topic of the event the job would have produced
 * ({@code scene-uploaded.dlq}, {@code scene-metadata.dlq}, {@code camera-frames.dlq}): the discarded job as JSON,
 * with {@code dead-letter-reason} and {@code dead-letter-job} headers, as SmallRye's dead-letter queue writes them for
 * consumers. Queued in the discarding transaction and sent by a job of its own, so a broker that is away delays the
 * record but cannot lose it (at least once; the job id header tells repeats apart). The kit's outbox sends only the
 * suite's event topics, so these records take this channel.
 */
@ApplicationScoped
public class DeadLetterJob implements JobHandler {

    public static final String KIND = "dead-letter";
    public static final String CHANNEL = "ingest-dead-letters";
    private static final Logger LOG = Logger.getLogger(DeadLetterJob.class);

    private final MutinyEmitter<Record<String, byte[]>> emitter;
    private final JobQueue queue;

    public DeadLetterJob(@Channel(CHANNEL) MutinyEmitter<Record<String, byte[]>> emitter, JobQueue queue) {
        this.emitter = emitter;
        this.queue = queue;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Queues a dead-letter record for the discarded {@code job} on {@code topic}'s dead-letter topic. */
    public Uni<Void> enqueue(SqlClient transaction, Job job, String topic, String key, String reason) {
        ObjectNode args = Json.tree().put("topic", topic + ".dlq").put("key", key).put("reason", reason)
                .put("job", job.id().toString());
        args.set("record", Json.tree(job));
        return queue.enqueue(transaction, new NewJob(KIND, job.id().toString(), true, job.ownerId(), args, 20))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> perform(Job job, SqlConnection transaction) {
        var args = job.args();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(args.path("topic").asText())
                .withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders()
                        .add("dead-letter-reason", args.path("reason").asText().getBytes(StandardCharsets.UTF_8))
                        .add("dead-letter-job", args.path("job").asText().getBytes(StandardCharsets.UTF_8)))
                .build();
        byte[] value = Json.write(args.path("record")).getBytes(StandardCharsets.UTF_8);
        return emitter.sendMessage(Message.of(Record.of(args.path("key").asText(), value)).addMetadata(metadata))
                .invoke(() -> LOG.infof("Dead letter of job %s sent to %s", args.path("job").asText(),
                        args.path("topic").asText()));
    }
}
