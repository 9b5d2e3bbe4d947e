package org.vsekai.backpack.recommender.model.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.vsekai.backpack.recommender.model.matrix.IdIndex;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Synthetic interactions with structure a model can learn, for benchmarks at sizes no public data set of ours has.
 * Items have a popularity rank with Zipf-distributed popularity (P(rank r) ∝ 1/r^s) and belong to one of
 * {@code clusters} taste clusters (rank r is in cluster r mod clusters, so every cluster has hits and a tail). Each
 * user belongs to one cluster; each interaction picks a user uniformly, then, with probability {@code affinity}, an
 * item of the user's cluster by Zipf over the cluster's own ranks, otherwise any item by Zipf over all ranks. Ranks
 * are mapped to item indexes by a seeded permutation, so popularity is not visible in the index order. Everything
 * follows from the seed; interactions go straight into the matrix builder as primitives.
 */
public final class SyntheticInteractions {

    /** What to generate; {@code zipfExponent} s > 0, {@code affinity} in [0, 1]. */
    public record Settings(int users, int items, int interactions, int clusters, double zipfExponent,
            double affinity, long seed) {

        public Settings {
            if (users <= 0 || items <= 0 || interactions < 0 || clusters <= 0 || clusters > items
                    || !(zipfExponent > 0) || !(affinity >= 0 && affinity <= 1)) {
                throw new IllegalArgumentException("invalid synthetic data settings: " + this);
            }
        }

        /** The benchmark's shape: 200,000 users × 200,000 items × 5,000,000 interactions, 100 clusters. */
        public static Settings benchmark() {
            return of(200_000, 200_000, 5_000_000);
        }

        /** Given sizes with the default shape: 100 clusters (fewer for small catalogues), s = 1, affinity 0.8. */
        public static Settings of(int users, int items, int interactions) {
            return new Settings(users, items, interactions, Math.max(1, Math.min(100, items / 20)), 1.0, 0.8, 42);
        }
    }

    /** The matrix and the clusters behind it (for tests and for checking what a model learnt). */
    public record Data(InteractionMatrix matrix, int[] userClusters, int[] itemClusters, int[] itemRanks) {
    }

    /** Interaction times fall in the 90 days before this instant (seconds since the epoch, 2026-01-01T00:00Z). */
    static final long EPOCH_END = 1_767_225_600L;
    private static final int NINETY_DAYS = 90 * 86_400;

    private SyntheticInteractions() {
    }

    public static Data generate(Settings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int n = settings.items();
        int c = settings.clusters();
        int[] itemOfRank = permutation(n, random);
        int[] itemRanks = new int[n];
        int[] itemClusters = new int[n];
        for (int rank = 0; rank < n; rank++) {
            itemRanks[itemOfRank[rank]] = rank;
            itemClusters[itemOfRank[rank]] = rank % c;
        }
        int[] userClusters = new int[settings.users()];
        for (int u = 0; u < userClusters.length; u++) {
            userClusters[u] = random.nextInt(c);
        }
        double[] global = zipfCumulative(n, settings.zipfExponent());
        // Cluster k holds ranks k, k + c, k + 2c, ...: local rank j is global rank j·c + k.
        double[] local = zipfCumulative((n + c - 1) / c, settings.zipfExponent());
        InteractionMatrix.Builder builder = InteractionMatrix.builder(ids("user-", settings.users()),
                ids("item-", n), settings.interactions());
        for (int k = 0; k < settings.interactions(); k++) {
            int user = random.nextInt(settings.users());
            int rank;
            if (random.nextDouble() < settings.affinity()) {
                do {
                    rank = sample(local, random) * c + userClusters[user];
                } while (rank >= n);
            } else {
                rank = sample(global, random);
            }
            builder.add(user, itemOfRank[rank], 1f, EPOCH_END - random.nextInt(NINETY_DAYS));
        }
        return new Data(builder.build(), userClusters, itemClusters, itemRanks);
    }

    private static IdIndex ids(String prefix, int count) {
        return IdIndex.of(() -> IntStream.range(0, count).mapToObj(i -> prefix + i).iterator());
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    /** Cumulative Zipf probabilities over ranks 0..n-1 (rank r has weight 1/(r+1)^s), the last one exactly 1. */
    static double[] zipfCumulative(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += Math.pow(r + 1, -exponent);
            cumulative[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cumulative[r] /= sum;
        }
        cumulative[n - 1] = 1;
        return cumulative;
    }

    /** Inverse-CDF sampling by binary search: the first rank whose cumulative probability exceeds a uniform draw. */
    private static int sample(double[] cumulative, SplittableRandom random) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble());
        return found >= 0 ? Math.min(found + 1, cumulative.length - 1) : -found - 1;
    }
}
