package org.vsekai.backpack.recommender.live;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.interaction.InteractionWeights;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The service's {@link LiveActivity}, loaded from the database once at start and kept current by the consumers.
 * The load runs before Reactive Messaging starts its consumers (a start-up observer of higher priority), so no
 * event is applied to a half-loaded state; everything that reads or writes it still chains {@link #ready()}.
 */
@ApplicationScoped
public class LiveState {

    private static final Logger LOG = Logger.getLogger(LiveState.class);

    // Bulk reads through the plain reactive client: rows straight into the live maps, no entity per row.
    // One row per (user, item, type, weight) is enough: the latest time of each is what popularity keeps; a
    // client clock ahead of ours counts as now.
    private static final String INTERACTIONS = """
            SELECT user_id, item_id, type, weight, max(least(published, received_at)) AS at
              FROM interactions GROUP BY user_id, item_id, type, weight""";
    private static final String OPEN_BACKPACK_ENTRIES =
            "SELECT user_id, item_id, added_at FROM backpack_entries WHERE removed_at IS NULL";
    private static final String ITEMS = "SELECT external_id, kind, gone, removed_at FROM items";

    private final LiveActivity activity;
    private final Pool database;
    private final InteractionWeights weights;
    private final Uni<Void> ready;

    public LiveState(RecommenderConfig config, Pool database, InteractionWeights weights, MeterRegistry registry) {
        this.activity = new LiveActivity(config.popularity().halfLife(), Instant.now());
        this.database = database;
        this.weights = weights;
        this.ready = Uni.createFrom().deferred(this::load).memoize().indefinitely();
        Gauge.builder("backpack.recommender.live.users", activity, LiveActivity::userCount)
                .description("Users in the live state").register(registry);
        Gauge.builder("backpack.recommender.live.items", activity, LiveActivity::itemCount)
                .description("Items in the live state").register(registry);
    }

    // Priority 1: before SmallRye Reactive Messaging's own start-up observer subscribes to the topics.
    void loadAtStart(@Observes @Priority(1) StartupEvent start) {
        ready.await().indefinitely();
    }

    /** Completes once the state is loaded; at once after start-up. */
    public Uni<Void> ready() {
        return ready;
    }

    public LiveActivity activity() {
        return activity;
    }

    /**
     * What every consumer does with a record: once the state is loaded, runs its write (again, when it lost a
     * serialization conflict: {@link TransactionRetry}), then hands the committed outcome to {@code update}, which
     * applies it here. The record is acknowledged when the returned Uni completes, after both.
     */
    public <T> Uni<Void> afterCommit(Supplier<Uni<? extends T>> write, Consumer<? super T> update) {
        return ready.chain(() -> TransactionRetry.<T>retrying(write)).invoke(update).replaceWithVoid();
    }

    private Uni<Void> load() {
        long started = System.nanoTime();
        return database.query(ITEMS).execute()
                .invoke(rows -> rows.forEach(row -> activity.restoreItem(row.getString(0), row.getString(1),
                        row.getBoolean(2), row.getOffsetDateTime(3) == null ? null
                                : row.getOffsetDateTime(3).toInstant())))
                .chain(() -> database.query(INTERACTIONS).execute())
                .invoke(rows -> rows.forEach(this::restoreInteraction))
                .chain(() -> database.query(OPEN_BACKPACK_ENTRIES).execute())
                .invoke(rows -> rows.forEach(row -> activity.restoreBackpackEntry(row.getString(0), row.getString(1),
                        row.getOffsetDateTime(2).toInstant())))
                .invoke(() -> LOG.infof("Live state loaded: %d users, %d items in %d ms", activity.userCount(),
                        activity.itemCount(), (System.nanoTime() - started) / 1_000_000))
                .replaceWithVoid();
    }

    private void restoreInteraction(Row row) {
        ActivityType type = ActivityType.valueOf(row.getString(2));
        activity.restore(row.getString(0), row.getString(1), row.getFloat(3), weights.excludes(type),
                row.getOffsetDateTime(4).toInstant());
    }
}
