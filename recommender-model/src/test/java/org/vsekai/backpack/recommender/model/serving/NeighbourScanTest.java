package org.vsekai.backpack.recommender.model.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.ItemKnn;
import org.vsekai.backpack.recommender.model.algorithm.ItemSimilarityMeasure;
import org.vsekai.backpack.recommender.model.algorithm.Rp3Beta;
import org.vsekai.backpack.recommender.model.algorithm.ScoredItem;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.model.synthetic.SyntheticInteractions;

class NeighbourScanTest {

    private static final InteractionMatrix MATRIX = SyntheticInteractions.generate(
            new SyntheticInteractions.Settings(400, 500, 8_000, 8, 1.0, 0.8, 5)).matrix();

    @Test
    void itemCfGivesExactlyTheModelsResults() {
        ItemKnn model = new ItemKnn(ItemSimilarityMeasure.COSINE, 50, 10);
        model.fit(MATRIX);
        NeighbourScan scan = new NeighbourScan(model.neighbours());

        for (int user = 0; user < MATRIX.userCount(); user++) {
            int[] seen = MATRIX.itemsOf(user);
            assertThat(scan.recommend(seen, seen, 10)).as("user %d", user)
                    .isEqualTo(model.recommend(user, 10, MATRIX.seenBy(user)));
        }
        for (int item = 0; item < MATRIX.itemCount(); item++) {
            assertThat(scan.similarItems(item, 10, new int[0])).as("item %d", item)
                    .isEqualTo(model.similarItems(item, 10));
        }
    }

    @Test
    void rp3BetaGivesExactlyTheModelsResults() {
        Rp3Beta model = new Rp3Beta(0.7, 0.5, 50, true);
        model.fit(MATRIX);
        NeighbourScan scan = new NeighbourScan(model.neighbours());

        for (int user = 0; user < MATRIX.userCount(); user++) {
            int[] seen = MATRIX.itemsOf(user);
            assertThat(scan.recommend(seen, seen, 10)).as("user %d", user)
                    .isEqualTo(model.recommend(user, 10, MATRIX.seenBy(user)));
        }
    }

    @Test
    void similarItemsSkipTheExcludedAndFillUpFromFurtherDown() {
        ItemKnn model = new ItemKnn(ItemSimilarityMeasure.COSINE, 50, 10);
        model.fit(MATRIX);
        NeighbourScan scan = new NeighbourScan(model.neighbours());
        int item = 0;
        while (model.similarItems(item, 20).size() < 20) {
            item++;
        }
        List<ScoredItem> unfiltered = model.similarItems(item, 20);
        int[] excluded = {Math.min(unfiltered.get(0).item(), unfiltered.get(2).item()),
                Math.max(unfiltered.get(0).item(), unfiltered.get(2).item())};

        List<ScoredItem> served = scan.similarItems(item, 5, excluded);

        assertThat(served).containsExactly(unfiltered.get(1), unfiltered.get(3), unfiltered.get(4),
                unfiltered.get(5), unfiltered.get(6));
    }
}
