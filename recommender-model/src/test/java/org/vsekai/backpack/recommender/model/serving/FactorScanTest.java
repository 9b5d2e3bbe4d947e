package org.vsekai.backpack.recommender.model.serving;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.model.synthetic.SyntheticInteractions;

class FactorScanTest {

    // 997 items: not a multiple of the scan's block of four, and some tail items never drawn.
    private static final InteractionMatrix MATRIX = SyntheticInteractions.generate(
            new SyntheticInteractions.Settings(400, 997, 8_000, 8, 1.0, 0.8, 3)).matrix();

    @Test
    void givesExactlyTheModelsRecommendations() {
        ImplicitAls model = new ImplicitAls(new ImplicitAls.Settings(16, 1, 0.5, 5, 3, 3, 42));
        model.fit(MATRIX);
        FactorScan scan = FactorScan.of(model, MATRIX);

        for (int user = 0; user < MATRIX.userCount(); user++) {
            List<ScoredIndex> served = scan.recommend(model.userVector(user), MATRIX.itemsOf(user), 10);
            assertThat(served).as("user %d", user).isEqualTo(model.recommend(user, 10, MATRIX.seenBy(user)))
                    .isEqualTo(scan.recommendScanningAll(model.userVector(user), MATRIX.itemsOf(user), 10));
        }
    }

    @Test
    void neverReturnsAnExcludedItemOrOneWithoutInteractions() {
        ImplicitAls model = new ImplicitAls(new ImplicitAls.Settings(8, 1, 0.5, 5, 2, 3, 42));
        model.fit(MATRIX);
        FactorScan scan = FactorScan.of(model, MATRIX);
        int[] excluded = new int[500];
        for (int i = 0; i < excluded.length; i++) {
            excluded[i] = 2 * i;
        }

        List<ScoredIndex> served = scan.recommend(model.userVector(0), excluded, 100);

        assertThat(served).hasSize(100);
        for (ScoredIndex item : served) {
            assertThat(item.item() % 2).isEqualTo(1);
            assertThat(MATRIX.columnEnd(item.item())).isGreaterThan(MATRIX.columnStart(item.item()));
        }
    }

    @Test
    void theNormBoundStopsTheScanEarlyOnPopularitySkewedData() {
        ImplicitAls model = new ImplicitAls(new ImplicitAls.Settings(16, 1, 0.5, 5, 3, 3, 42));
        model.fit(MATRIX);
        FactorScan scan = FactorScan.of(model, MATRIX);
        int live = 0;
        for (int item = 0; item < MATRIX.itemCount(); item++) {
            live += MATRIX.columnEnd(item) > MATRIX.columnStart(item) ? 1 : 0;
        }

        long scored = 0;
        for (int user = 0; user < MATRIX.userCount(); user++) {
            int rows = scan.rowsScored(model.userVector(user), MATRIX.itemsOf(user), 10);
            assertThat(rows).isBetween(10, live);
            scored += rows;
        }

        assertThat((double) scored / MATRIX.userCount()).isLessThan(live);
    }

    @Test
    void builtFromPlainArraysItServesExactlyTheFittedModel() {
        ImplicitAls model = new ImplicitAls(new ImplicitAls.Settings(16, 1, 0.5, 5, 3, 3, 42));
        model.fit(MATRIX);
        // As read back from a model file: every item is a row; the model serves only items with interactions.
        FactorScan loaded = FactorScan.of(model.factors(), model.itemFactors());
        IntPredicate hasInteractions = item -> MATRIX.columnEnd(item) > MATRIX.columnStart(item);

        for (int user = 0; user < MATRIX.userCount(); user++) {
            assertThat(loaded.recommend(model.userVector(user), MATRIX.itemsOf(user), hasInteractions, 10))
                    .as("user %d", user).isEqualTo(model.recommend(user, 10, MATRIX.seenBy(user)));
        }
    }

    @Test
    void theAllowedTestHoldsOverTheWholeScan() {
        ImplicitAls model = new ImplicitAls(new ImplicitAls.Settings(8, 1, 0.5, 5, 2, 3, 42));
        model.fit(MATRIX);
        FactorScan scan = FactorScan.of(model, MATRIX);
        IntPredicate odd = item -> item % 2 == 1;

        for (int user = 0; user < 20; user++) {
            IntPredicate seen = MATRIX.seenBy(user);
            List<ScoredIndex> served = scan.recommend(model.userVector(user), MATRIX.itemsOf(user), odd, 100);
            assertThat(served).as("user %d", user).hasSize(100)
                    .isEqualTo(model.recommend(user, 100, item -> seen.test(item) || !odd.test(item)));
        }
    }

    @Test
    void plainArraysMustBeWholeRows() {
        assertThatThrownBy(() -> FactorScan.of(4, new float[10])).isInstanceOf(IllegalArgumentException.class);
        assertThat(FactorScan.of(0, new float[0]).recommend(new float[0], new int[0], 10)).isEmpty();
    }
}
