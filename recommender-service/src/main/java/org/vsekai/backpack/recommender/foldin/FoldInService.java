package org.vsekai.backpack.recommender.foldin;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.foldin.FoldInRepository.Pair;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The speed layer (iALS fold-in): after an interaction commits, its user's vector is solved again against the
 * served snapshot's fixed item factors from the user's pairs as the training would read them, and an item the
 * snapshot does not know is folded in against its fixed user factors; both serve at once. The solve runs on a
 * worker thread, not the event loop (a long history costs O(n·f²)).
 *
 * <p>A training reads the data at its cut ({@code trainedAt}) and then fits for a while; interactions committed
 * meanwhile are not in the new snapshot. So every user and item whose pairs changed since shortly before the cut is
 * folded in again against the new snapshot right after the swap ({@link #refoldAfterSwap}), unless the training
 * read exactly the user's current pairs: nothing folded during a training is lost, only served from the new
 * snapshot's trained vector for the moment the refold takes.
 */
@ApplicationScoped
@Startup // its meters exist from the start, at zero
public class FoldInService {

    private static final Logger LOG = Logger.getLogger(FoldInService.class);
    private static final Duration REFOLD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHANGE_MARGIN = Duration.ofMinutes(1);

    private final FoldInRepository pairs;
    private final ServingModel serving;
    private final RecommenderConfig.FoldIn config;
    // When each user's (item's) pairs last changed, as seen here: what a new snapshot may be missing.
    private final Map<String, Instant> changedUsers = new ConcurrentHashMap<>();
    private final Map<String, Instant> changedItems = new ConcurrentHashMap<>();
    private final Timer userFolds;
    private final Timer itemFolds;
    private final Counter itemsRefused;

    public FoldInService(FoldInRepository pairs, ServingModel serving, RecommenderConfig config,
            MeterRegistry registry) {
        this.pairs = pairs;
        this.serving = serving;
        this.config = config.foldIn();
        this.userFolds = Timer.builder("backpack.recommender.fold.in").tag("side", "user")
                .description("Fold-ins: reading a user's or a new item's pairs and solving its vector")
                .register(registry);
        this.itemFolds = Timer.builder("backpack.recommender.fold.in").tag("side", "item")
                .description("Fold-ins: reading a user's or a new item's pairs and solving its vector")
                .register(registry);
        this.itemsRefused = Counter.builder("backpack.recommender.fold.in.items.refused")
                .description("New items not folded in because recommender.fold-in.max-new-items were already")
                .register(registry);
        Gauge.builder("backpack.recommender.fold.in.users", serving,
                        model -> model.foldIns().map(SnapshotFoldIns::userCount).orElse(0))
                .description("Users served from a folded vector by the current model").register(registry);
        Gauge.builder("backpack.recommender.fold.in.items", serving,
                        model -> model.foldIns().map(folds -> folds.newItems().size()).orElse(0))
                .description("Items unknown to the current model folded in since its training").register(registry);
    }

    /**
     * An interaction of (user, item) is about to be written: remembered before the write begins, so that a training
     * whose read may have missed it (it began before the write committed) folds it in again after its swap.
     */
    public void changing(String userId, String itemId) {
        if (config.enabled()) {
            Instant now = Instant.now();
            changedUsers.merge(userId, now, FoldInService::later);
            changedItems.merge(itemId, now, FoldInService::later);
        }
    }

    /**
     * The interaction (user, item) committed: folds the user in, and the item when the snapshot does not know it.
     * Never fails: a fold-in is derived state, and the stored interaction reaches the next training anyway.
     */
    public Uni<Void> afterInteraction(String userId, String itemId) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        // The solves run on a worker thread; the record is acknowledged back on the consumer's own context.
        Context context = Vertx.currentContext();
        Uni<Void> folded = foldUser(userId, null).chain(() -> foldItem(itemId))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Fold-in of user %s / item %s failed; the next training includes them",
                            userId, itemId);
                    return null;
                });
        return context == null ? folded : folded.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** Folds the user in, unless {@code trainedOn} (when given) already holds exactly their pairs. */
    private Uni<Void> foldUser(String userId, InteractionMatrix trainedOn) {
        SnapshotFoldIns target = serving.foldIns().orElse(null);
        if (target == null) {
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        Instant readAt = Instant.now();
        return pairs.ofUser(userId, config.maxPairs())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(found -> {
                    if (trainedOn == null || found.size() >= config.maxPairs()
                            || !trainedOnExactly(trainedOn, userId, found)) {
                        target.foldUser(userId, found, readAt);
                    }
                })
                .invoke(() -> userFolds.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .replaceWithVoid();
    }

    private Uni<Void> foldItem(String itemId) {
        SnapshotFoldIns target = serving.foldIns().orElse(null);
        if (target == null || target.snapshot().items().indexOf(itemId) >= 0) {
            return Uni.createFrom().voidItem(); // the snapshot's trained vector for it stays fixed
        }
        if (!target.hasRoomFor(itemId, config.maxNewItems())) {
            itemsRefused.increment();
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        Instant readAt = Instant.now();
        return pairs.ofItem(itemId, config.maxPairs())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(found -> target.foldItem(itemId, found, readAt))
                .invoke(() -> itemFolds.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .replaceWithVoid();
    }

    /**
     * The snapshot {@code next}, trained on {@code trainedOn}, serves now (the caller swapped it in): every user and
     * item whose pairs changed from shortly before its training's cut on is folded in again against it, unless the
     * training read exactly the user's pairs as they are now (then its own vector stands); older changes are
     * forgotten. Blocks: call it from the training thread.
     */
    public void refoldAfterSwap(ServingSnapshot next, InteractionMatrix trainedOn) {
        if (!config.enabled()) {
            return;
        }
        // A change is remembered when its write begins; one that began before the cut may commit after the
        // training's read began. The margin covers any write transaction (they take milliseconds).
        Instant since = next.trainedAt().minus(CHANGE_MARGIN);
        changedUsers.values().removeIf(at -> at.isBefore(since));
        changedItems.values().removeIf(at -> at.isBefore(since));
        List<String> users = List.copyOf(changedUsers.keySet());
        List<String> items = List.copyOf(changedItems.keySet());
        for (String user : users) {
            refold(foldUser(user, trainedOn), "user " + user);
        }
        for (String item : items) {
            refold(foldItem(item), "item " + item);
        }
        SnapshotFoldIns folds = serving.foldIns().orElse(null);
        if (folds != null && folds.snapshot() == next) {
            LOG.infof("Model %s: of %d users and %d items changed since %s, %d users and %d new items folded in "
                    + "again", next.version(), users.size(), items.size(), since, folds.userCount(),
                    folds.newItems().size());
        }
    }

    /** Whether the matrix's row of the user holds exactly these pairs, with these weights. */
    static boolean trainedOnExactly(InteractionMatrix matrix, String userId, List<Pair> now) {
        int user = matrix.users().indexOf(userId);
        if (user < 0) {
            return now.isEmpty();
        }
        if (matrix.rowEnd(user) - matrix.rowStart(user) != now.size()) {
            return false;
        }
        Map<Integer, Float> trained = new HashMap<>();
        for (int pos = matrix.rowStart(user); pos < matrix.rowEnd(user); pos++) {
            trained.put(matrix.itemAt(pos), matrix.rowWeightAt(pos));
        }
        for (Pair pair : now) {
            Float weight = trained.get(matrix.items().indexOf(pair.id()));
            if (weight == null || weight != pair.weight()) {
                return false;
            }
        }
        return true;
    }

    private static void refold(Uni<Void> fold, String what) {
        try {
            fold.await().atMost(REFOLD_TIMEOUT);
        } catch (RuntimeException e) { // the new snapshot serves its trained vector; the next event folds again
            LOG.warnf(e, "Fold-in of %s after the swap failed", what);
        }
    }

    /** The user was erased: their folded vector goes (serving also refuses one read before the erasure). */
    public void forget(String userId) {
        changedUsers.remove(userId);
        serving.foldIns().ifPresent(folds -> folds.forgetUser(userId));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
