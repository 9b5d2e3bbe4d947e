package org.vsekai.backpack.gateway.interaction;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns valid activities into {@link InteractionEvent}s on {@code interactions}, keyed by user so one user's
 * activities stay in order, and answers only once the broker has acknowledged them (acks=all). A client that
 * names its activities may retry them safely: a retry carries the same event id.
 */
@ApplicationScoped
public class InteractionService {

    private static final Logger LOG = Logger.getLogger(InteractionService.class);

    private final MutinyEmitter<InteractionEvent> interactions;
    private final Clock clock;
    private final Duration publishTimeout;

    public InteractionService(
            // A full batch must fit the buffer in front of the producer; beyond it a request fails fast with 503.
            @Channel(Topics.INTERACTIONS_NAME) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<InteractionEvent> interactions,
            Clock clock, GatewayConfig config) {
        this.interactions = interactions;
        this.clock = clock;
        this.publishTimeout = config.interactions().publishTimeout();
    }

    public Uni<AcceptedActivity> accept(Activity activity) {
        InteractionEvent event = toEvent(activity, clock.instant());
        return whenStored(publish(event)).replaceWith(new AcceptedActivity(event.activityId(), event.eventId()));
    }

    /** Publishes every activity of a batch, in order, and answers when the broker has acknowledged them all. */
    public Uni<AcceptedBatch> acceptAll(List<Activity> activities) {
        Instant receivedAt = clock.instant();
        List<InteractionEvent> events = activities.stream().map(a -> toEvent(a, receivedAt)).toList();
        // join().all subscribes in list order, so records of one user reach their partition in request order.
        Uni<List<Void>> acks = Uni.join().all(events.stream().map(this::publish).toList()).andFailFast();
        return whenStored(acks).replaceWith(new AcceptedBatch(events.stream()
                .map(e -> new AcceptedActivity(e.activityId(), e.eventId())).toList()));
    }

    private static InteractionEvent toEvent(Activity activity, Instant receivedAt) {
        boolean named = activity.id() != null;
        String activityId = named ? activity.id() : "urn:uuid:" + UUID.randomUUID();
        UUID eventId = named ? eventIdOf(activity.actor(), activity.id()) : UUID.randomUUID();
        return InteractionEvent.of(eventId, activityId, activity.type(), activity.actor(), activity.object(),
                activity.published(), receivedAt);
    }

    /**
     * The event id of an activity the client named: the same for every retry of it, so the consumers, which are
     * idempotent on event ids, keep it once. Scoped by actor, so two users' clients may reuse an activity id. The
     * actor's length comes first so that no other (actor, id) pair can spell the same name.
     */
    static UUID eventIdOf(String actor, String activityId) {
        String name = "backpack/interactions/" + actor.length() + ":" + actor + "/" + activityId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private Uni<Void> publish(InteractionEvent event) {
        Message<InteractionEvent> record = Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.userId())
                .build());
        return interactions.sendMessage(record);
    }

    private <T> Uni<T> whenStored(Uni<T> acknowledgement) {
        return acknowledgement
                .ifNoItem().after(publishTimeout).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf(failure, "Interactions not acknowledged by the broker");
                    return new ProblemException(Problem.ofType("interactions-unavailable", 503,
                            "Service Unavailable",
                            "The interaction log did not confirm the write in time; retry later"));
                });
    }
}
