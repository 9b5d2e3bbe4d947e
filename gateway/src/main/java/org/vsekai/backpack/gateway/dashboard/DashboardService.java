package org.vsekai.backpack.gateway.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.kit.identity.Caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * What the admin dashboard shows at one moment: the ingest queue's jobs per state with the last errors, each topic's
 * records, rate and consumer lag ({@link TopicActivity}), the models served (vision's catalogue, the recommender's
 * training runs) and the newest detections ({@link RecentDetections}). A service that does not answer leaves its part
 * as {@code {"unavailable": "..."}} and the rest of the snapshot stands.
 */
@ApplicationScoped
public class DashboardService {

    private static final int LAST_ERRORS = 5;
    private static final Duration PEER_WAIT = Duration.ofSeconds(3);

    /** One snapshot; {@code jobs}, {@code visionModels} and {@code training} are the services' JSON as they gave it. */
    public record Snapshot(Instant at, JsonNode jobs, List<TopicActivity.TopicFigures> topics, JsonNode visionModels,
                           JsonNode training, List<Detections> detections) {
    }

    private final DashboardPeers.Ingest ingest;
    private final DashboardPeers.Vision vision;
    private final DashboardPeers.Recommender recommender;
    private final TopicActivity topics;
    private final RecentDetections detections;
    private final Clock clock;

    public DashboardService(@RestClient DashboardPeers.Ingest ingest, @RestClient DashboardPeers.Vision vision,
                            @RestClient DashboardPeers.Recommender recommender, TopicActivity topics,
                            RecentDetections detections, Clock clock) {
        this.ingest = ingest;
        this.vision = vision;
        this.recommender = recommender;
        this.topics = topics;
        this.detections = detections;
        this.clock = clock;
    }

    /** A snapshot as {@code admin} sees it (the identity passed on to the services). */
    public Uni<Snapshot> snapshot(Caller admin) {
        String user = admin.userHeader();
        String roles = admin.rolesHeader();
        Uni<JsonNode> jobs = jobs(user, roles);
        Uni<JsonNode> models = guarded("vision", vision.models(user, roles));
        Uni<JsonNode> training = guarded("recommender", recommender.trainingJobs(user, roles));
        return Uni.combine().all().unis(jobs, models, training).with((j, m, t) ->
                new Snapshot(clock.instant(), j, topics.current(), m, t, detections.newest()));
    }

    /** Counts per state, and the last errors: of discarded jobs, then of those waiting to be retried. */
    private Uni<JsonNode> jobs(String user, String roles) {
        Uni<JsonNode> discarded = ingest.queue(user, roles, "discarded", LAST_ERRORS);
        Uni<JsonNode> retryable = ingest.queue(user, roles, "retryable", LAST_ERRORS);
        return guarded("ingest", Uni.combine().all().unis(discarded, retryable).with((gone, again) -> {
            ObjectNode jobs = JsonNodeFactory.instance.objectNode();
            jobs.set("counts", again.path("counts"));
            List<JsonNode> errors = new ArrayList<>();
            gone.path("jobs").forEach(errors::add);
            again.path("jobs").forEach(errors::add);
            var lastErrors = jobs.putArray("lastErrors");
            errors.stream().filter(job -> job.hasNonNull("lastError")).limit(LAST_ERRORS).forEach(job -> lastErrors
                    .addObject().put("kind", job.path("kind").asText()).put("state", job.path("state").asText())
                    .put("subject", job.path("subject").asText()).put("attempt", job.path("attempt").asInt())
                    .put("error", job.path("lastError").asText()));
            return jobs;
        }));
    }

    private static Uni<JsonNode> guarded(String peer, Uni<JsonNode> call) {
        return call.ifNoItem().after(PEER_WAIT).fail()
                .onFailure().recoverWithItem(failure -> JsonNodeFactory.instance.objectNode()
                        .put("unavailable", peer + ": " + (failure.getMessage() == null
                                ? failure.getClass().getSimpleName() : failure.getMessage())));
    }
}
