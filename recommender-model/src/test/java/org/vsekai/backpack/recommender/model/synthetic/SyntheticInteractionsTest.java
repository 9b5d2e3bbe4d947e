package org.vsekai.backpack.recommender.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class SyntheticInteractionsTest {

    private static final SyntheticInteractions.Settings SMALL = new SyntheticInteractions.Settings(2_000, 1_000,
            40_000, 10, 1.0, 0.8, 7);

    @Test
    void theSameSeedGivesTheSameMatrixAndAnotherSeedAnother() {
        InteractionMatrix first = SyntheticInteractions.generate(SMALL).matrix();
        InteractionMatrix second = SyntheticInteractions.generate(SMALL).matrix();
        InteractionMatrix other = SyntheticInteractions.generate(new SyntheticInteractions.Settings(2_000, 1_000,
                40_000, 10, 1.0, 0.8, 8)).matrix();

        assertThat(second.nonZeroCount()).isEqualTo(first.nonZeroCount());
        boolean differs = false;
        for (int u = 0; u < first.userCount(); u++) {
            assertThat(second.itemsOf(u)).containsExactly(first.itemsOf(u));
            for (int p = first.rowStart(u); p < first.rowEnd(u); p++) {
                assertThat(second.rowWeightAt(p)).isEqualTo(first.rowWeightAt(p));
                assertThat(second.rowTimeAt(p)).isEqualTo(first.rowTimeAt(p));
            }
            differs |= !Arrays.equals(other.itemsOf(u), first.itemsOf(u));
        }
        assertThat(differs).isTrue();
    }

    @Test
    void hasTheRequestedSizesAndEveryInteractionCounted() {
        InteractionMatrix matrix = SyntheticInteractions.generate(SMALL).matrix();

        assertThat(matrix.userCount()).isEqualTo(2_000);
        assertThat(matrix.itemCount()).isEqualTo(1_000);
        float total = 0;
        for (int p = 0; p < matrix.nonZeroCount(); p++) {
            total += matrix.rowWeightAt(p);
        }
        // Weights are 1 per interaction; repeats merge into one entry with their sum.
        assertThat(total).isEqualTo(40_000f);
        assertThat(matrix.nonZeroCount()).isLessThan(40_000).isGreaterThan(20_000);
    }

    @Test
    void popularityFallsOffLikeZipf() {
        SyntheticInteractions.Data data = SyntheticInteractions.generate(new SyntheticInteractions.Settings(5_000,
                2_000, 200_000, 10, 1.0, 0.8, 7));
        InteractionMatrix matrix = data.matrix();
        double[] byRank = new double[matrix.itemCount()];
        for (int item = 0; item < matrix.itemCount(); item++) {
            for (int p = matrix.columnStart(item); p < matrix.columnEnd(item); p++) {
                byRank[data.itemRanks()[item]] += matrix.columnWeightAt(p);
            }
        }
        // Least-squares slope of log(count) against log(rank + 1) over ranks 1..500: −s = −1, within sampling noise.
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int rank = 0; rank < 500; rank++) {
            double x = Math.log(rank + 1);
            double y = Math.log(byRank[rank]);
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertThat(slope).isBetween(-1.2, -0.8);
        // The head is heavy: the top 1% of items take well over a quarter of all interactions.
        double head = Arrays.stream(byRank, 0, 20).sum();
        assertThat(head / 200_000).isGreaterThan(0.25);
    }

    @Test
    void aUsersItemsComeMostlyFromItsCluster() {
        SyntheticInteractions.Data data = SyntheticInteractions.generate(SMALL);
        InteractionMatrix matrix = data.matrix();
        double inCluster = 0;
        double total = 0;
        for (int u = 0; u < matrix.userCount(); u++) {
            for (int p = matrix.rowStart(u); p < matrix.rowEnd(u); p++) {
                total += matrix.rowWeightAt(p);
                if (data.itemClusters()[matrix.itemAt(p)] == data.userClusters()[u]) {
                    inCluster += matrix.rowWeightAt(p);
                }
            }
        }
        // Affinity 0.8, plus the global draws that land in the cluster by chance (about 1 in 10): about 0.82.
        assertThat(inCluster / total).isBetween(0.78, 0.86);
        // Every cluster is used, by users and by items.
        assertThat(Arrays.stream(data.userClusters()).distinct().count()).isEqualTo(10);
        assertThat(Arrays.stream(data.itemClusters()).distinct().count()).isEqualTo(10);
    }
}
