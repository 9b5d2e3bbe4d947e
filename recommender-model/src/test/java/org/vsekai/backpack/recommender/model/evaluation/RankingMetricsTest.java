package org.vsekai.backpack.recommender.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    // Ranked 10 items; hits at ranks 1, 3 and 6; 4 relevant items in all (one never ranked).
    private final int[] ranked = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    private final IntPredicate relevant = Set.of(11, 13, 16, 99)::contains;

    @Test
    void precisionAndRecallCountHitsInTheTopK() {
        assertThat(RankingMetrics.precision(ranked, relevant, 10)).isCloseTo(0.3, within(1e-12));
        assertThat(RankingMetrics.recall(ranked, relevant, 4, 10)).isCloseTo(0.75, within(1e-12));
        assertThat(RankingMetrics.precision(ranked, relevant, 2)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ndcgDiscountsByLog2OfRankPlusOneOverTheIdealOfMinRelevantAndK() {
        double dcg = 1 / log2(2) + 1 / log2(4) + 1 / log2(7);
        double ideal = 1 / log2(2) + 1 / log2(3) + 1 / log2(4) + 1 / log2(5);
        assertThat(RankingMetrics.ndcg(ranked, relevant, 4, 10)).isCloseTo(dcg / ideal, within(1e-12));
        // By hand: (1 + 0.5 + 0.356207) / (1 + 0.630930 + 0.5 + 0.430677) = 1.856207 / 2.561606 = 0.724626.
        assertThat(RankingMetrics.ndcg(ranked, relevant, 4, 10)).isCloseTo(0.724626, within(1e-6));
    }

    @Test
    void averagePrecisionSumsPrecisionAtEachHitOverMinRelevantAndK() {
        // (1/1 + 2/3 + 3/6) / min(4, 10) = 2.1667 / 4.
        assertThat(RankingMetrics.averagePrecision(ranked, relevant, 4, 10))
                .isCloseTo((1 + 2.0 / 3 + 0.5) / 4, within(1e-12));
        // With k = 2 only the first hit counts, over min(4, 2) = 2.
        assertThat(RankingMetrics.averagePrecision(ranked, relevant, 4, 2)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aShortOrEmptyListScoresAgainstTheFullK() {
        int[] shortList = {13};
        assertThat(RankingMetrics.precision(shortList, relevant, 10)).isCloseTo(0.1, within(1e-12));
        assertThat(RankingMetrics.ndcg(new int[0], relevant, 4, 10)).isZero();
        assertThat(RankingMetrics.averagePrecision(new int[0], relevant, 4, 10)).isZero();
        assertThat(RankingMetrics.recall(shortList, relevant, 0, 10)).isZero();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
