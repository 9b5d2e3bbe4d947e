package org.vsekai.backpack.kit.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How a consumer applies an event once (at-least-once delivery, idempotent consumers): inside its transaction it
 * claims the event id in its {@code processed_events} table ({@code event_id} UUID key, {@code topic},
 * {@code processed_at}), and does the work only when the claim is new; a redelivered event finds its id and changes
 * nothing. The claim commits or rolls back with the work. An entry point for each kind of transaction, one statement.
 */
public final class ProcessedEvents {

    private static final String CLAIM = "INSERT INTO processed_events (event_id, topic, processed_at) "
            + "VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING";

    private ProcessedEvents() {
    }

    /** On a reactive SQL client transaction: {@code work} when the event is new, {@code repeated} when it is not. */
    public static <T> Uni<T> once(SqlConnection connection, UUID eventId, String topic, Instant at, T repeated,
                                  Supplier<Uni<T>> work) {
        return connection.preparedQuery(CLAIM).execute(Tuple.of(eventId, topic, at.atOffset(ZoneOffset.UTC)))
                .chain(claimed -> claimed.rowCount() == 0 ? Uni.createFrom().item(repeated) : work.get());
    }

    /** The same in a Hibernate Reactive session's transaction (another name, so that callers of {@code once} need no Hibernate). */
    public static <T> Uni<T> onceInSession(Mutiny.Session session, UUID eventId, String topic, Instant at,
                                           T repeated, Supplier<Uni<T>> work) {
        return session.createNativeQuery(OrdinalParameters.forHibernate(CLAIM))
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .setParameter(3, at.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .chain(claimed -> claimed == 0 ? Uni.createFrom().item(repeated) : work.get());
    }
}
