package org.vsekai.backpack.recommender.model.evaluation;

import java.util.function.IntPredicate;

/**
 * Top-k ranking metrics for one user with binary relevance. {@code ranked} is the recommended list, best first;
 * {@code relevantCount} the number of held-out items (including any a model could never rank).
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Hits in the first k over k (a short list is still divided by k). */
    public static double precision(int[] ranked, IntPredicate relevant, int k) {
        return hits(ranked, relevant, k) / (double) k;
    }

    /** Hits in the first k over the number of relevant items. */
    public static double recall(int[] ranked, IntPredicate relevant, int relevantCount, int k) {
        return relevantCount == 0 ? 0 : hits(ranked, relevant, k) / (double) relevantCount;
    }

    /** DCG with a log2(rank+1) discount over the DCG of an ideal list of min(relevant, k) hits. */
    public static double ndcg(int[] ranked, IntPredicate relevant, int relevantCount, int k) {
        double dcg = 0;
        for (int rank = 1; rank <= Math.min(k, ranked.length); rank++) {
            if (relevant.test(ranked[rank - 1])) {
                dcg += discount(rank);
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(k, relevantCount); rank++) {
            ideal += discount(rank);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /** The sum of precision at each hit's rank, over min(relevant, k). */
    public static double averagePrecision(int[] ranked, IntPredicate relevant, int relevantCount, int k) {
        double sum = 0;
        int hits = 0;
        for (int rank = 1; rank <= Math.min(k, ranked.length); rank++) {
            if (relevant.test(ranked[rank - 1])) {
                hits++;
                sum += hits / (double) rank;
            }
        }
        int normaliser = Math.min(k, relevantCount);
        return normaliser == 0 ? 0 : sum / normaliser;
    }

    private static int hits(int[] ranked, IntPredicate relevant, int k) {
        int hits = 0;
        for (int rank = 0; rank < Math.min(k, ranked.length); rank++) {
            if (relevant.test(ranked[rank])) {
                hits++;
            }
        }
        return hits;
    }

    private static double discount(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }
}
