package org.vsekai.backpack.ingest.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Event;
import org.vsekai.backpack.contracts.EventJson;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events into {@code outbox_events} through the current Hibernate Reactive session, so they commit or roll
 * back with the entity changes of the caller's transaction (docs/adr/0008).
 */
@ApplicationScoped
public class Outbox {

    /** Adds a record for {@code topic} under {@code key}; call inside {@code Panache.withTransaction}. */
    public Uni<Void> add(String topic, String key, Event event) {
        String payload = new String(EventJson.write(Objects.requireNonNull(event, "event")), StandardCharsets.UTF_8);
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("INSERT INTO outbox_events (id, topic, record_key, payload, created_at, "
                                + "attempts) VALUES (:id, :topic, :key, :payload, clock_timestamp(), 0)")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("topic", topic)
                        .setParameter("key", key)
                        .setParameter("payload", payload)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
