package org.vsekai.backpack.recommender.content;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.embedding.ItemEmbedding;

import io.smallrye.reactive.messaging.kafka.Record;

/**
 * The items' text embeddings (ADR 21), for content-based answers where interactions say nothing yet: a user whose
 * items the model does not know, an item nobody has touched. Held in memory from the whole compacted
 * {@code item-embeddings} topic, which every instance reads from its start (a consumer group of its own); a
 * tombstone forgets the item, an older record than the one held changes nothing. Vectors are unit vectors, so a
 * cosine is a dot product.
 */
@ApplicationScoped
public class ItemVectors {

    /** The model name answers carry when they come from here. */
    public static final String CONTENT = "content@embeddings";

    private record Held(float[] vector, String modelVersion, Instant updatedAt) {
    }

    /** One item and its cosine with what was asked. */
    public record Near(String itemId, double score) {
    }

    private final Map<String, Held> vectors = new ConcurrentHashMap<>();

    @Incoming(Topics.ITEM_EMBEDDINGS_NAME)
    public void hold(Record<String, ItemEmbedding> record) {
        ItemEmbedding embedding = record.value();
        if (embedding == null) {
            if (record.key() != null) {
                vectors.remove(record.key());
            }
            return;
        }
        if (embedding.itemId() == null || embedding.vector() == null || embedding.vector().length == 0) {
            throw new IllegalArgumentException("item-embeddings record " + embedding.eventId() + " has no vector");
        }
        vectors.compute(embedding.itemId(), (id, held) -> held != null && held.updatedAt() != null
                && embedding.updatedAt() != null && embedding.updatedAt().isBefore(held.updatedAt())
                ? held : new Held(embedding.vector(), embedding.modelVersion(), embedding.updatedAt()));
    }

    public boolean has(String itemId) {
        return vectors.containsKey(itemId);
    }

    /**
     * The normalised mean of the items' vectors: what a user's few items are about. Empty when none has one; vectors
     * of another model version than the first found are left out (they live in another space).
     */
    public Optional<float[]> profile(Collection<String> itemIds) {
        float[] sum = null;
        String version = null;
        for (String itemId : itemIds) {
            Held held = vectors.get(itemId);
            if (held == null || (version != null && !version.equals(held.modelVersion()))) {
                continue;
            }
            if (sum == null) {
                sum = new float[held.vector().length];
                version = held.modelVersion();
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += held.vector()[i];
            }
        }
        if (sum == null) {
            return Optional.empty();
        }
        double norm = 0;
        for (float v : sum) {
            norm += v * v;
        }
        if (norm == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= (float) Math.sqrt(norm);
        }
        return Optional.of(sum);
    }

    /** The item's own vector, when it has one. */
    public Optional<float[]> of(String itemId) {
        return Optional.ofNullable(vectors.get(itemId)).map(Held::vector);
    }

    /** The {@code limit} allowed items nearest {@code query} (a linear scan: exact, as the search is below 10,000). */
    public List<Near> nearest(float[] query, int limit, Predicate<String> allowed) {
        PriorityQueue<Near> best = new PriorityQueue<>(Comparator.comparingDouble(Near::score));
        vectors.forEach((itemId, held) -> {
            if (held.vector().length != query.length || !allowed.test(itemId)) {
                return;
            }
            double dot = 0;
            for (int i = 0; i < query.length; i++) {
                dot += (double) query[i] * held.vector()[i];
            }
            best.add(new Near(itemId, dot));
            if (best.size() > limit) {
                best.poll();
            }
        });
        List<Near> found = new ArrayList<>(best);
        found.sort(Comparator.comparingDouble(Near::score).reversed().thenComparing(Near::itemId));
        return found;
    }
}
