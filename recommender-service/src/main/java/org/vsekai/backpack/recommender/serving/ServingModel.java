package org.vsekai.backpack.recommender.serving;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.foldin.SnapshotFoldIns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The model being served: one volatile reference to an immutable {@link ServingSnapshot}. A request reads the
 * reference once and works on that snapshot to the end; a training builds the next snapshot aside and swaps the
 * reference, so requests never wait and never see a half-built model. The newest saved model is loaded at start.
 *
 * <p>An erased user's vector stays in the snapshot until the next training; {@link #forget} records the erasure so
 * that serving treats them as unknown to any snapshot trained before it.
 */
@ApplicationScoped
@Startup
public class ServingModel {

    private static final Logger LOG = Logger.getLogger(ServingModel.class);

    private volatile ServingSnapshot current;
    // The fold-ins against the current snapshot; set before it on a swap, so a reader that finds it belonging to
    // another snapshot than the one it read uses none (for the instant of the swap).
    private volatile SnapshotFoldIns foldIns;
    private final RecommenderConfig.Als als;
    private final Map<String, Instant> erasedAt = new ConcurrentHashMap<>();
    private final Counter swaps;
    private final MeterRegistry registry;
    private Gauge servingVersion;

    public ServingModel(ModelStore store, RecommenderConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.als = config.training().als();
        current = store.loadNewest().orElse(null);
        foldIns = current == null ? null : foldInsOf(current);
        if (current != null) {
            LOG.infof("Serving model %s (trained %s on %d interactions): %d users, %d items", current.version(),
                    current.trainedAt(), current.interactions(), current.users().size(), current.items().size());
        } else {
            LOG.info("No saved model: recommendations come from live popularity until the first training");
        }
        swaps = Counter.builder("backpack.recommender.model.swaps")
                .description("Times a newly trained model replaced the served one").register(registry);
        Gauge.builder("backpack.recommender.model.trained.at", this,
                        model -> model.current == null ? Double.NaN : model.current.trainedAt().getEpochSecond())
                .description("When the served model's training read its data (epoch seconds)").register(registry);
        showVersion(current);
    }

    /** {@code backpack.recommender.model.serving{version}} is 1 for the version served, and only that one. */
    private synchronized void showVersion(ServingSnapshot served) {
        if (servingVersion != null) {
            registry.remove(servingVersion);
        }
        String version = served == null ? "none" : served.version();
        servingVersion = Gauge.builder("backpack.recommender.model.serving", () -> 1)
                .description("The model version being served (1 under its version tag; \"none\" before the first)")
                .tag("version", version).register(registry);
    }

    public Optional<ServingSnapshot> current() {
        return Optional.ofNullable(current);
    }

    /** Serves {@code next} from now on; erasures it already reflects are no longer needed. */
    public void swap(ServingSnapshot next) {
        foldIns = foldInsOf(next);
        current = next;
        erasedAt.values().removeIf(at -> at.isBefore(next.trainedAt()));
        swaps.increment();
        showVersion(next);
        LOG.infof("Now serving model %s: %d users, %d items", next.version(), next.users().size(),
                next.items().size());
    }

    private SnapshotFoldIns foldInsOf(ServingSnapshot snapshot) {
        return new SnapshotFoldIns(snapshot, als.regularization(), als.regularizationExponent(), als.alpha());
    }

    /** The fold-ins against the current snapshot (none before the first). */
    public Optional<SnapshotFoldIns> foldIns() {
        return Optional.ofNullable(foldIns);
    }

    /** The fold-ins against {@code snapshot}, when it is still the current one. */
    public Optional<SnapshotFoldIns> foldIns(ServingSnapshot snapshot) {
        SnapshotFoldIns folds = foldIns;
        return folds != null && folds.snapshot() == snapshot ? Optional.of(folds) : Optional.empty();
    }

    /** Whether a vector folded from pairs read at {@code readAt} may serve the user (not read before an erasure). */
    public boolean mayServeFolded(String userId, Instant readAt) {
        Instant erased = erasedAt.get(userId);
        return erased == null || readAt.isAfter(erased);
    }

    /** The user was erased now: no snapshot trained before this moment may be used for them. */
    public void forget(String userId, Instant at) {
        erasedAt.put(userId, at);
    }

    /** Whether the snapshot may serve this user from their trained vector. */
    public boolean mayServe(ServingSnapshot snapshot, String userId) {
        Instant erased = erasedAt.get(userId);
        return erased == null || snapshot.trainedAt().isAfter(erased);
    }
}
