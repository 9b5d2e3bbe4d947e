package org.vsekai.backpack.ingest.privacy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.ingest.pose.PoseSearchIndex;
import org.vsekai.backpack.kit.privacy.UserErasures;

import io.smallrye.mutiny.Uni;

/**
 * Applies each {@code user-erasures} event (docs/adr/0007). The record is acknowledged, and its offset committed,
 * only after the delete has committed; an event without a user, or one that keeps failing, goes to
 * {@code user-erasures.dlq}.
 */
@ApplicationScoped
public class UserErasureConsumer {

    private static final Logger LOG = Logger.getLogger(UserErasureConsumer.class);

    private final ErasureService erasures;
    private final PoseSearchIndex poses;

    public UserErasureConsumer(ErasureService erasures, PoseSearchIndex poses) {
        this.erasures = erasures;
        this.poses = poses;
    }

    @Incoming(Topics.USER_ERASURES_NAME)
    public Uni<Void> consume(UserErasure erasure) {
        return UserErasures.consume(erasure, event -> erasures
                .eraseOnce(event.eventId(), event.userId(), Instant.now().truncatedTo(ChronoUnit.MICROS))
                // A lost connection or a CockroachDB retry error may pass on a later try; the event is idempotent.
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5)
                .invoke(erased -> {
                    // Applied now or before: this instance's search forgets the user either way.
                    poses.dropOwner(event.userId());
                    if (erased.applied()) {
                        LOG.infof("Erased user %s (event %s): %d upload jobs, %d scenes, %d blobs to delete",
                                event.userId(), event.eventId(), erased.jobs(), erased.scenes(), erased.blobs());
                    } else {
                        LOG.debugf("Erasure event %s was applied before; skipped", event.eventId());
                    }
                }));
    }
}
