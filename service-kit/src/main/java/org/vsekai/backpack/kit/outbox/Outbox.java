package org.vsekai.backpack.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.hibernate.reactive.mutiny.Mutiny;
import org.vsekai.backpack.contracts.Event;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.kit.sql.OrdinalParameters;
import org.vsekai.backpack.kit.tracing.TraceParent;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes events into {@code outbox_events} inside the caller's transaction, so they commit or roll back with the data
 * they announce (docs/adr/0008). One insert, written once, with an entry point for each kind of transaction a service
 * has: a reactive SQL client connection (inside {@code Pool.withTransaction}) or a Hibernate Reactive session
 * (inside {@code Panache.withTransaction} or {@code SessionFactory.withTransaction}). Each row keeps the current W3C
 * {@code traceparent}, so its record continues the writer's trace.
 *
 * <p>A singleton without a client proxy: a service that has only one of the two kinds of client never loads the
 * other's types.
 */
@Singleton
@IfBuildProperty(name = OutboxRelay.ENABLED, stringValue = "true")
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox_events "
            + "(id, topic, record_key, payload, traceparent, created_at, attempts) "
            + "VALUES ($1, $2, $3, $4, $5, clock_timestamp(), 0)";

    /** Adds a record for {@code topic} under {@code key} on the transaction's connection; a null event is a tombstone. */
    public Uni<Void> add(SqlConnection connection, String topic, String key, Event event) {
        // Arrays.asList, not Tuple.of: the payload and the trace context may be null.
        return connection.preparedQuery(INSERT).execute(Tuple.tuple(values(topic, key, event)))
                .replaceWithVoid();
    }

    /**
     * Adds a record for {@code topic} under {@code key} in the session's transaction; a null event is a tombstone.
     * The session is flushed first, so the entity changes the event announces are written before it. (Another name
     * than {@code add}, so that a service without Hibernate Reactive compiles its calls of {@code add}.)
     */
    public Uni<Void> addInSession(Mutiny.Session session, String topic, String key, Event event) {
        List<Object> values = values(topic, key, event);
        return session.flush().chain(() -> {
            Mutiny.Query<?> insert = session.createNativeQuery(OrdinalParameters.forHibernate(INSERT));
            for (int i = 0; i < values.size(); i++) {
                insert.setParameter(i + 1, values.get(i));
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }

    private static List<Object> values(String topic, String key, Event event) {
        String payload = event == null ? null : new String(EventJson.write(event), StandardCharsets.UTF_8);
        return Arrays.asList(UUID.randomUUID(), topic, key, payload, TraceParent.current());
    }
}
