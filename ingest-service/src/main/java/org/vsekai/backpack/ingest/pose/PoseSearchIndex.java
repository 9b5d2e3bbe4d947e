package org.vsekai.backpack.ingest.pose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vsekai.backpack.pose.search.PoseMatch;
import org.vsekai.backpack.pose.search.PoseSearch;
import org.vsekai.backpack.pose.vector.PoseVectors;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The poses in memory for search (docs/adr/0022): per owner, since a search sees only the caller's poses, one
 * {@link PoseSearch} per method and variant (exact below {@code exact-below}, HNSW from then on). Filled from the
 * {@code poses} table at start and then every {@code refresh}, by what was written since, whichever instance wrote
 * it; the table stays the truth (a search resolves its matches there, so a pose deleted since is not answered).
 *
 * <p>The cursor is the newest {@code created_at} read; each refresh reads again from {@link #LATE} before it, since
 * a transaction that began earlier may commit later, and skips the ids it has.
 */
@ApplicationScoped
public class PoseSearchIndex {

    private static final Logger LOG = Logger.getLogger(PoseSearchIndex.class);
    /** How long after its {@code created_at} a pose's transaction may still commit and be read. */
    static final Duration LATE = Duration.ofSeconds(10);
    private static final int PAGE = 2000;

    /** One index of an owner's poses. */
    public record Key(PoseMethod method, boolean rotationInvariant) {
    }

    /** What a search found: pose ids with their similarity, how, and among how many. */
    public record Found(List<PoseMatch> matches, PoseSearch.Method method, int indexed) {
    }

    private final Pool pool;
    private final PoseStore store;
    private final PoseConfig config;
    private final Vertx vertx;
    private final Map<String, Map<Key, PoseSearch>> byOwner = new ConcurrentHashMap<>();
    private final Set<UUID> indexed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong added = new AtomicLong();
    private volatile Instant cursor = Instant.EPOCH;
    private volatile boolean loaded;
    private long timer = -1;

    public PoseSearchIndex(Pool pool, PoseStore store, PoseConfig config, Vertx vertx) {
        this.pool = pool;
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.refresh().toMillis(), id -> refresh().subscribe().with(n -> {
        }, failure -> LOG.warnf("Pose index refresh failed (tried again in %s): %s", config.refresh(), failure)));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        byOwner.values().forEach(indexes -> indexes.values().forEach(PoseSearch::close));
    }

    /** Reads what was written since the last refresh; how many poses it added (0 when one is already running). */
    public Uni<Integer> refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        Instant from = cursor.equals(Instant.EPOCH) ? Instant.EPOCH : cursor.minus(LATE);
        return page(from, 0)
                .onTermination().invoke(() -> refreshing.set(false));
    }

    private Uni<Integer> page(Instant after, int sum) {
        return store.writtenAfter(pool, after, PAGE).chain(rows -> {
            int count = 0;
            Instant newest = after;
            for (PoseRow row : rows) {
                if (indexed.add(row.poseId())) {
                    add(row);
                    count++;
                }
                newest = row.createdAt().isAfter(newest) ? row.createdAt() : newest;
            }
            if (newest.isAfter(cursor)) {
                cursor = newest;
            }
            int total = sum + count;
            if (!loaded && rows.size() == PAGE) {
                LOG.infof("Pose index: %d poses read so far", added.get());
            }
            // The next page starts after the newest row read; rows of that same microsecond left beyond the page are
            // read by the next refresh, which starts LATE before the cursor.
            if (rows.size() == PAGE && newest.isAfter(after)) {
                return page(newest, total);
            }
            if (!loaded) {
                loaded = true;
                LOG.infof("Pose index: %d poses of %d owners", added.get(), byOwner.size());
            }
            return Uni.createFrom().item(total);
        });
    }

    /** Rows this instance has just committed: searchable here at once, without reading the table again. */
    public void addWritten(List<PoseRow> rows) {
        for (PoseRow row : rows) {
            if (indexed.add(row.poseId())) {
                add(row);
            }
        }
    }

    private void add(PoseRow row) {
        Map<Key, PoseSearch> indexes = byOwner.computeIfAbsent(row.ownerId(), owner -> new ConcurrentHashMap<>());
        for (boolean invariant : new boolean[] {false, true}) {
            float[] vector = row.vector(invariant);
            if (vector != null && vector.length == PoseVectors.DIMENSIONS) {
                indexes.computeIfAbsent(new Key(row.method(), invariant),
                                key -> new PoseSearch(PoseVectors.DIMENSIONS, config.exactBelow(),
                                        PoseSearch.HnswSettings.DEFAULTS))
                        .add(row.poseId().toString(), vector);
            }
        }
        added.incrementAndGet();
    }

    /** The owner's {@code k} poses nearest the query in one index (fewer when it holds fewer). */
    public Found nearest(String owner, Key key, float[] query, int k) {
        PoseSearch search = byOwner.getOrDefault(owner, Map.of()).get(key);
        if (search == null) {
            return new Found(List.of(), PoseSearch.Method.EXACT, 0);
        }
        PoseSearch.Result result = search.nearest(query, k);
        return new Found(new ArrayList<>(result.matches()), result.method(), search.size());
    }

    /** Forgets an erased owner's poses (their rows are gone; other instances' copies answer nothing from them). */
    public void dropOwner(String owner) {
        Map<Key, PoseSearch> indexes = byOwner.remove(owner);
        if (indexes != null) {
            indexes.values().forEach(PoseSearch::close);
        }
    }

    /** Poses in memory, over all owners. */
    public long size() {
        return added.get();
    }
}
