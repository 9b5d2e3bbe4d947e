package org.vsekai.backpack.recommender.serving;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.matrix.IdIndex;
import org.vsekai.backpack.recommender.model.serving.FactorScan;
import org.vsekai.backpack.recommender.model.serving.NeighbourScan;

/**
 * One trained model set, immutable, as served: the user-item model (iALS user and item factors, items laid out
 * for the norm-bounded scan) and the item-item model (RP3beta neighbour lists), over one user and one item index.
 * Requests read it through a single volatile reference ({@link ServingModel}), so a training swaps all of it at once
 * and a request never sees half of one model and half of another.
 *
 * @param version      e.g. {@code 20261126T151500123Z-0001}: training time, then a counter; sorts by age
 * @param interactions the distinct (user, item) pairs it was trained on
 */
public record ServingSnapshot(String version, Instant trainedAt, int interactions, IdIndex users, IdIndex items,
                              int factors, float[] userFactors, float[] itemFactors, FactorScan factorScan,
                              NeighbourScan neighbours) {

    public static final String USER_ITEM_MODEL = "ials";
    public static final String ITEM_ITEM_MODEL = "rp3beta";

    public ServingSnapshot {
        if (userFactors.length != users.size() * factors || itemFactors.length != items.size() * factors
                || neighbours.itemCount() != items.size()) {
            throw new IllegalArgumentException("model arrays do not match " + users.size() + " users × "
                    + items.size() + " items × " + factors + " factors");
        }
    }

    /**
     * Builds the serving layouts (recommender-model's, from plain arrays: a fitted model's or a loaded file's) over
     * the trained arrays; every item of the file is a candidate of the factor scan.
     */
    public static ServingSnapshot of(String version, Instant trainedAt, int interactions, List<String> userIds,
            List<String> itemIds, int factors, float[] userFactors, float[] itemFactors, ItemNeighbours neighbours) {
        return new ServingSnapshot(version, trainedAt, interactions, IdIndex.of(userIds), IdIndex.of(itemIds), factors,
                userFactors, itemFactors, FactorScan.of(factors, itemFactors), new NeighbourScan(neighbours));
    }

    /** The user's factor vector (a copy), or null for a user the model does not know. */
    public float[] userVector(String userId) {
        int user = users.indexOf(userId);
        return user < 0 ? null : Arrays.copyOfRange(userFactors, user * factors, (user + 1) * factors);
    }

    public String userItemModel() {
        return USER_ITEM_MODEL + "@" + version;
    }

    public String itemItemModel() {
        return ITEM_ITEM_MODEL + "@" + version;
    }
}
