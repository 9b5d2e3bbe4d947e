package org.vsekai.backpack.gateway.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes a {@link UserErasure} on {@code user-erasures}, keyed by the user so it follows their earlier events on
 * each service's partition order, and answers only once the broker has acknowledged it (acks=all): a 202 means
 * every service will see it. Each service deletes the user's rows when it consumes the event.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final MutinyEmitter<UserErasure> erasures;
    private final Clock clock;
    private final Duration publishTimeout;

    public ErasureService(@Channel(Topics.USER_ERASURES_NAME) MutinyEmitter<UserErasure> erasures, Clock clock,
                          GatewayConfig config) {
        this.erasures = erasures;
        this.clock = clock;
        this.publishTimeout = config.interactions().publishTimeout();
    }

    public Uni<UserErasure> erase(String userId, String requestedBy) {
        UserErasure erasure = new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), userId, requestedBy,
                clock.instant());
        Message<UserErasure> record = Message.of(erasure).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(userId)
                .build());
        return erasures.sendMessage(record)
                .ifNoItem().after(publishTimeout).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf(failure, "Erasure of a user not acknowledged by the broker");
                    return new ProblemException(Problem.ofType("erasure-unavailable", 503, "Service Unavailable",
                            "The erasure request was not confirmed in time; retry later"));
                })
                .replaceWith(erasure);
    }
}
