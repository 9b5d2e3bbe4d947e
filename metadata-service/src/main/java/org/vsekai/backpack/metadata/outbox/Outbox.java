package org.vsekai.backpack.metadata.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Event;
import org.vsekai.backpack.contracts.EventJson;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes events into {@code outbox_events} on the caller's connection, so they commit or roll back with its data. */
@ApplicationScoped
public class Outbox {

    /** Adds a record for {@code topic} under {@code key}; a null event is a tombstone. */
    public Uni<Void> add(SqlConnection connection, String topic, String key, Event event) {
        String payload = event == null ? null : new String(EventJson.write(event), StandardCharsets.UTF_8);
        return connection.preparedQuery("INSERT INTO outbox_events (id, topic, record_key, payload, created_at, "
                        + "attempts) VALUES ($1, $2, $3, $4, clock_timestamp(), 0)")
                // Arrays.asList, not Tuple.of: the payload may be null.
                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), topic, key, payload)))
                .replaceWithVoid();
    }
}
