package org.vsekai.backpack.recommender.interaction;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.interaction.InteractionEvent;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class InteractionRepository implements PanacheRepositoryBase<Interaction, UUID> {

    // Native because the idempotent insert needs ON CONFLICT, which PostgreSQL and CockroachDB both accept.
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO interactions (event_id, activity_id, user_id, item_id, type, weight, published, received_at)
            VALUES (:eventId, :activityId, :userId, :itemId, :type, :weight, :published, :receivedAt)
            ON CONFLICT (event_id) DO NOTHING""";

    /** Stores the event with its weight unless its id is already stored; emits {@code true} when it was new. */
    public Uni<Boolean> insertIfAbsent(InteractionEvent event, float weight) {
        return getSession().flatMap(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("eventId", event.eventId())
                .setParameter("activityId", event.activityId())
                .setParameter("userId", event.userId())
                .setParameter("itemId", event.itemId())
                .setParameter("type", event.type().name())
                .setParameter("weight", weight)
                .setParameter("published", utc(event.published()))
                .setParameter("receivedAt", utc(event.receivedAt()))
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    public Uni<Long> deleteByUser(String userId) {
        return delete("userId", userId);
    }

    public Uni<Long> deleteByItem(String itemId) {
        return delete("itemId", itemId);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
