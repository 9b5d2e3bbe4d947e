package org.vsekai.backpack.recommender.recommendation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.ScoredItem;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.recommender.live.LiveActivity;
import org.vsekai.backpack.recommender.live.LiveState;
import org.vsekai.backpack.recommender.live.UserActivity;
import org.vsekai.backpack.recommender.content.ItemVectors;
import org.vsekai.backpack.recommender.foldin.SnapshotFoldIns;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.micrometer.core.annotation.Timed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Answers the three questions from the served snapshot and the live state, read once per request:
 * <ul>
 * <li>for a user the model knows, or one whose vector was folded in since the training (docs/adr/0025): iALS over
 * all items (norm-bounded scan) and the items folded in since, {@code because} from RP3beta links;</li>
 * <li>for a user it does not (new since the training, not folded in): RP3beta over the items they showed interest
 * in since;</li>
 * <li>for a user whose items the model does not know (cold start): the items nearest the mean of their items' text
 * embeddings ({@value ItemVectors#CONTENT}, ADR 21);</li>
 * <li>otherwise, and for a session of unknown items: live time-decayed popularity ({@value #POPULARITY}).</li>
 * </ul>
 * Similar items of an item the model cannot answer for (no interactions) are the items nearest its embedding.
 * Whatever the model, the user's backpack and seen items, read live, are never recommended, {@code kind}
 * keeps only items of that kind (kinds are live too), and a gone item (its tombstone, live) is never served, nor
 * used as a source, from a model trained before it went.
 */
@ApplicationScoped
@Startup // its meters exist from the start, at zero, so rates over them are defined
public class RecommendationService {

    public static final String POPULARITY = "popularity@live";
    /** iALS with the user's vector folded in since the training (the speed layer, docs/adr/0025). */
    public static final String FOLD_IN = "ials-fold-in";

    /** The time of each answer, with a histogram (Prometheus buckets) so quantiles can be taken across instances. */
    static final String LATENCY = "backpack.recommender.recommendation.duration";
    static final String LATENCY_DESCRIPTION = "Time to compute one recommendation answer, per endpoint";
    /** How many of the user's items a {@code because} names at most. */
    static final int REASONS = 3;

    private final LiveState live;
    private final ServingModel serving;
    private final ItemVectors vectors;
    private final MeterRegistry registry;
    private final Map<String, Counter> served = new ConcurrentHashMap<>();

    public RecommendationService(LiveState live, ServingModel serving, ItemVectors vectors, MeterRegistry registry) {
        this.live = live;
        this.serving = serving;
        this.vectors = vectors;
        this.registry = registry;
        counter("user", FOLD_IN);
        for (String endpoint : List.of("user", "similar", "session")) {
            counter(endpoint, "content");
            counter(endpoint, "popularity"); // registered at zero from the start, so rates over it are defined
        }
    }

    @Timed(value = LATENCY, histogram = true, extraTags = {"endpoint", "user"}, description = LATENCY_DESCRIPTION)
    public Recommendations forUser(String userId, int limit, String kind) {
        LiveActivity activity = live.activity();
        Optional<UserActivity> user = activity.user(userId);
        Set<String> excluded = user.map(UserActivity::excluded).orElse(Set.of());
        Optional<ServingSnapshot> current = serving.current();
        if (current.isPresent() && user.isPresent()) {
            ServingSnapshot model = current.get();
            int[] excludedIndexes = indexes(model, excluded);
            int[] sources = sources(model, user.get().positiveItems());
            IntPredicate allowed = allowed(model, kind);
            Optional<SnapshotFoldIns> folds = serving.foldIns(model);
            Optional<SnapshotFoldIns.Folded> folded = folds.flatMap(f -> f.user(userId))
                    .filter(f -> serving.mayServeFolded(userId, f.readAt()));
            float[] vector = folded.map(SnapshotFoldIns.Folded::vector)
                    .orElseGet(() -> serving.mayServe(model, userId) ? model.userVector(userId) : null);
            if (vector != null) {
                List<ScoredItem> top = userItem(model, vector, sources, excludedIndexes, allowed, limit);
                List<ScoredItem> items = folds.map(f -> withNewItems(top, f, vector, excluded, kind, limit))
                        .orElse(top);
                if (!items.isEmpty()) {
                    String name = folded.isPresent() ? FOLD_IN : ServingSnapshot.USER_ITEM_MODEL;
                    count("user", name);
                    return new Recommendations(userId, name + "@" + model.version(), items);
                }
            }
            if (sources.length > 0) {
                List<ScoredItem> items = itemItem(model, sources, excludedIndexes, allowed, limit);
                if (!items.isEmpty()) {
                    count("user", ServingSnapshot.ITEM_ITEM_MODEL);
                    return new Recommendations(userId, model.itemItemModel(), items);
                }
            }
        }
        Optional<float[]> profile = user.flatMap(u -> vectors.profile(u.positiveItems()));
        if (profile.isPresent()) {
            List<ScoredItem> items = content(profile.get(), limit, kind, excluded::contains);
            if (!items.isEmpty()) {
                count("user", "content");
                return new Recommendations(userId, ItemVectors.CONTENT, items);
            }
        }
        count("user", "popularity");
        return new Recommendations(userId, POPULARITY, popular(limit, kind, excluded::contains));
    }

    @Timed(value = LATENCY, histogram = true, extraTags = {"endpoint", "similar"}, description = LATENCY_DESCRIPTION)
    public SimilarItems similar(String itemId, int limit, String kind) {
        LiveActivity activity = live.activity();
        if (activity.isGone(itemId)) {
            throw new ProblemException(Problem.ofType("item-not-found", 404, "Unknown item",
                    "Item " + itemId + " no longer exists"));
        }
        Optional<ServingSnapshot> current = serving.current();
        // A model trained before the item's last removal knows another item of that id, not this one.
        int item = current.filter(model -> activity.mayServe(itemId, model.trainedAt()))
                .map(model -> model.items().indexOf(itemId)).orElse(-1);
        if (item < 0 && !activity.knowsItem(itemId) && !vectors.has(itemId)) {
            throw new ProblemException(Problem.ofType("item-not-found", 404, "Unknown item",
                    "No interaction with and no attributes of item " + itemId + " have reached the recommender"));
        }
        if (item >= 0) {
            ServingSnapshot model = current.get();
            var neighbours = model.neighbours().similarItems(item, limit, allowed(model, kind));
            if (!neighbours.isEmpty()) {
                count("similar", ServingSnapshot.ITEM_ITEM_MODEL);
                return new SimilarItems(itemId, model.itemItemModel(), neighbours.stream()
                        .map(s -> new ScoredItem(model.items().idOf(s.item()), s.score(), List.of())).toList());
            }
        }
        // Known, but too new or too lonely for the model: its text says most, else what is popular.
        Optional<float[]> own = vectors.of(itemId);
        if (own.isPresent()) {
            List<ScoredItem> items = content(own.get(), limit, kind, itemId::equals);
            if (!items.isEmpty()) {
                count("similar", "content");
                return new SimilarItems(itemId, ItemVectors.CONTENT, items);
            }
        }
        count("similar", "popularity");
        return new SimilarItems(itemId, POPULARITY, popular(limit, kind, itemId::equals));
    }

    @Timed(value = LATENCY, histogram = true, extraTags = {"endpoint", "session"}, description = LATENCY_DESCRIPTION)
    public Recommendations session(List<String> sessionItems, int limit, String kind) {
        Set<String> seen = new LinkedHashSet<>(sessionItems);
        Optional<ServingSnapshot> current = serving.current();
        if (current.isPresent()) {
            ServingSnapshot model = current.get();
            int[] sources = sources(model, seen);
            if (sources.length > 0) {
                List<ScoredItem> items = itemItem(model, sources, indexes(model, seen), allowed(model, kind), limit);
                if (!items.isEmpty()) {
                    count("session", ServingSnapshot.ITEM_ITEM_MODEL);
                    return new Recommendations(null, model.itemItemModel(), items);
                }
            }
        }
        count("session", "popularity");
        return new Recommendations(null, POPULARITY, popular(limit, kind, seen::contains));
    }

    private static List<ScoredItem> userItem(ServingSnapshot model, float[] vector, int[] sources,
            int[] excludedIndexes, IntPredicate allowed, int limit) {
        return model.factorScan().recommend(vector, excludedIndexes, allowed, limit).stream()
                .map(s -> new ScoredItem(model.items().idOf(s.item()), s.score(),
                        ids(model, model.neighbours().because(sources, s.item(), REASONS))))
                .toList();
    }

    /**
     * The snapshot's top list merged with the items folded in since it (scored with the same vector, every one:
     * they are at most {@code recommender.fold-in.max-new-items}). A new item has no RP3beta links yet, so its
     * {@code because} is empty rather than invented.
     */
    private List<ScoredItem> withNewItems(List<ScoredItem> top, SnapshotFoldIns folds, float[] vector,
            Set<String> excluded, String kind, int limit) {
        if (folds.newItems().isEmpty()) {
            return top;
        }
        LiveActivity activity = live.activity();
        List<ScoredItem> merged = new ArrayList<>(top);
        folds.newItems().forEach((itemId, item) -> {
            if (!excluded.contains(itemId) && !activity.isGone(itemId)
                    && (kind == null || activity.kindOf(itemId).filter(kind::equals).isPresent())) {
                float score = 0;
                for (int d = 0; d < vector.length; d++) {
                    score += vector[d] * item.vector()[d];
                }
                merged.add(new ScoredItem(itemId, score, List.of()));
            }
        });
        merged.sort(Comparator.comparingDouble(ScoredItem::score).reversed());
        return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
    }

    private static List<ScoredItem> itemItem(ServingSnapshot model, int[] sources, int[] excluded,
            IntPredicate allowed, int limit) {
        return model.neighbours().recommend(sources, excluded, allowed, limit).stream()
                .map(s -> new ScoredItem(model.items().idOf(s.item()), s.score(),
                        ids(model, model.neighbours().because(sources, s.item(), REASONS))))
                .toList();
    }

    private List<ScoredItem> content(float[] query, int limit, String kind, Predicate<String> excluded) {
        LiveActivity activity = live.activity();
        Predicate<String> allowed = id -> !excluded.test(id) && !activity.isGone(id)
                && (kind == null || activity.kindOf(id).filter(kind::equals).isPresent());
        return vectors.nearest(query, limit, allowed).stream()
                .map(n -> new ScoredItem(n.itemId(), n.score(), List.of())).toList();
    }

    private List<ScoredItem> popular(int limit, String kind, Predicate<String> excluded) {
        LiveActivity activity = live.activity();
        Predicate<String> allowed = kind == null ? id -> !excluded.test(id)
                : id -> !excluded.test(id) && activity.kindOf(id).filter(kind::equals).isPresent();
        return activity.popular(limit, allowed, Instant.now()).stream()
                .map(p -> new ScoredItem(p.itemId(), p.score(), List.of())).toList();
    }

    /**
     * What the snapshot may answer with: never a gone item (its tombstone is live, the model is not) nor one removed
     * after the model was trained, and only items of {@code kind} when given. Consulted only for items that would
     * enter the top-k.
     */
    private IntPredicate allowed(ServingSnapshot model, String kind) {
        LiveActivity activity = live.activity();
        Instant trainedAt = model.trainedAt();
        if (kind == null) {
            return item -> activity.mayServe(model.items().idOf(item), trainedAt);
        }
        return item -> {
            String id = model.items().idOf(item);
            return activity.mayServe(id, trainedAt) && activity.kindOf(id).filter(kind::equals).isPresent();
        };
    }

    /** The model's indexes of the items it may start from (see {@link #allowed}), ascending. */
    private int[] sources(ServingSnapshot model, Collection<String> itemIds) {
        LiveActivity activity = live.activity();
        return indexes(model, itemIds.stream().filter(id -> activity.mayServe(id, model.trainedAt())).toList());
    }

    /** The model's indexes of the items it knows, ascending (the scans binary-search them). */
    private static int[] indexes(ServingSnapshot model, Collection<String> itemIds) {
        return itemIds.stream().mapToInt(model.items()::indexOf).filter(i -> i >= 0).distinct().sorted().toArray();
    }

    private static List<String> ids(ServingSnapshot model, int[] items) {
        return Arrays.stream(items).mapToObj(model.items()::idOf).toList();
    }

    private void count(String endpoint, String model) {
        counter(endpoint, model).increment();
    }

    private Counter counter(String endpoint, String model) {
        return served.computeIfAbsent(endpoint + "/" + model, key -> Counter
                .builder("backpack.recommender.recommendations.served")
                .description("Recommendation answers, by endpoint and by the model that produced them")
                .tag("endpoint", endpoint).tag("model", model).register(registry));
    }
}
