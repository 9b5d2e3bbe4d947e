package org.vsekai.backpack.recommender.foldin;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.vsekai.backpack.recommender.foldin.FoldInRepository.Pair;
import org.vsekai.backpack.recommender.model.foldin.FoldIn;
import org.vsekai.backpack.recommender.model.matrix.IdIndex;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

/**
 * The vectors folded in against one served snapshot: users' vectors against its fixed item factors, and items it
 * does not know against its fixed user factors. A vector is a new array put whole into a concurrent map, never
 * written after, so a reader gets the old vector or the new one, never a mix. Folded vectors belong to their
 * snapshot's factor space: the next snapshot starts with none (and {@link FoldInService} folds again what changed
 * since its training read the data).
 */
public final class SnapshotFoldIns {

    /** A folded vector and the time its pairs were read (after the interaction that caused it committed). */
    public record Folded(float[] vector, Instant readAt) {
    }

    private final ServingSnapshot snapshot;
    private final FoldIn users;
    private final FoldIn items;
    private final Map<String, Folded> userVectors = new ConcurrentHashMap<>();
    private final Map<String, Folded> itemVectors = new ConcurrentHashMap<>();

    /** Computes the two Gramians (YᵀY over the items, XᵀX over the users) once: O((users + items)·f²). */
    public SnapshotFoldIns(ServingSnapshot snapshot, double regularization, double regularizationExponent,
            double alpha) {
        this.snapshot = snapshot;
        this.users = FoldIn.against(snapshot.itemFactors(), snapshot.factors(), regularization,
                regularizationExponent, alpha);
        this.items = FoldIn.against(snapshot.userFactors(), snapshot.factors(), regularization,
                regularizationExponent, alpha);
    }

    public ServingSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Folds the user in from their pairs with items the snapshot knows (others are not fixed factors and are left
     * out); false, and nothing kept, when none is known.
     */
    public boolean foldUser(String userId, List<Pair> pairs, Instant readAt) {
        return fold(userVectors, users, snapshot.items(), userId, pairs, readAt);
    }

    /** Folds an item the snapshot does not know in from its users the snapshot knows; false when none is known. */
    public boolean foldItem(String itemId, List<Pair> pairs, Instant readAt) {
        return fold(itemVectors, items, snapshot.users(), itemId, pairs, readAt);
    }

    private static boolean fold(Map<String, Folded> into, FoldIn foldIn, IdIndex fixed, String id, List<Pair> pairs,
            Instant readAt) {
        int[] indexes = new int[pairs.size()];
        float[] weights = new float[pairs.size()];
        int n = 0;
        for (Pair pair : pairs) {
            int index = fixed.indexOf(pair.id());
            if (index >= 0 && pair.weight() > 0) {
                indexes[n] = index;
                weights[n] = pair.weight();
                n++;
            }
        }
        if (n == 0) {
            into.remove(id);
            return false;
        }
        float[] vector = foldIn.solve(Arrays.copyOf(indexes, n), Arrays.copyOf(weights, n));
        // A fold-in that read older pairs never replaces one that read newer ones (two folds of one id may race).
        into.merge(id, new Folded(vector, readAt), (old, next) -> next.readAt().isBefore(old.readAt()) ? old : next);
        return true;
    }

    public Optional<Folded> user(String userId) {
        return Optional.ofNullable(userVectors.get(userId));
    }

    /** Items folded in since the snapshot (none of them is in it), id → vector. */
    public Map<String, Folded> newItems() {
        return itemVectors;
    }

    /** Whether one more new item may be folded in under {@code limit} (one folded already always may again). */
    public boolean hasRoomFor(String itemId, int limit) {
        return itemVectors.size() < limit || itemVectors.containsKey(itemId);
    }

    public int userCount() {
        return userVectors.size();
    }

    /** Drops the user's folded vector (an erasure). */
    public void forgetUser(String userId) {
        userVectors.remove(userId);
    }
}
