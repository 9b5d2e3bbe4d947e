package org.vsekai.backpack.recommender.model.serving;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.ItemKnn;
import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.algorithm.ItemSimilarityMeasure;
import org.vsekai.backpack.recommender.model.algorithm.Rp3Beta;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.model.synthetic.SyntheticInteractions;

class NeighbourScanTest {

    private static final InteractionMatrix MATRIX = SyntheticInteractions.generate(
            new SyntheticInteractions.Settings(400, 500, 8_000, 8, 1.0, 0.8, 5)).matrix();

    private static Rp3Beta rp3Beta() {
        Rp3Beta model = new Rp3Beta(0.7, 0.5, 50, true);
        model.fit(MATRIX);
        return model;
    }

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
        Rp3Beta model = rp3Beta();
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
        List<ScoredIndex> unfiltered = model.similarItems(item, 20);
        int[] excluded = {Math.min(unfiltered.get(0).item(), unfiltered.get(2).item()),
                Math.max(unfiltered.get(0).item(), unfiltered.get(2).item())};

        List<ScoredIndex> served = scan.similarItems(item, 5, excluded);

        assertThat(served).containsExactly(unfiltered.get(1), unfiltered.get(3), unfiltered.get(4),
                unfiltered.get(5), unfiltered.get(6));
    }

    @Test
    void neighbourListsRebuiltFromTheirArraysServeTheSame() {
        Rp3Beta model = rp3Beta();
        ItemNeighbours fitted = model.neighbours();
        int[] start = new int[fitted.itemCount() + 1];
        int[] items = new int[fitted.links()];
        float[] weights = new float[fitted.links()];
        fitted.startView().get(start);
        fitted.neighbourView().get(items);
        fitted.weightView().get(weights);
        NeighbourScan original = new NeighbourScan(fitted);
        NeighbourScan loaded = new NeighbourScan(ItemNeighbours.of(start, items, weights));

        assertThat(loaded.itemCount()).isEqualTo(MATRIX.itemCount());
        for (int user = 0; user < MATRIX.userCount(); user++) {
            int[] seen = MATRIX.itemsOf(user);
            assertThat(loaded.recommend(seen, seen, 10)).as("user %d", user)
                    .isEqualTo(original.recommend(seen, seen, 10))
                    .isEqualTo(model.recommend(user, 10, MATRIX.seenBy(user)));
        }
        for (int item = 0; item < MATRIX.itemCount(); item++) {
            assertThat(loaded.similarItems(item, 10, i -> true)).as("item %d", item)
                    .isEqualTo(model.similarItems(item, 10));
        }
    }

    @Test
    void theAllowedTestFiltersLikeAnExclusion() {
        Rp3Beta model = rp3Beta();
        NeighbourScan scan = new NeighbourScan(model.neighbours());
        IntPredicate multipleOfThree = item -> item % 3 == 0;
        int[] notMultiples = IntStream.range(0, MATRIX.itemCount()).filter(i -> i % 3 != 0).toArray();

        for (int user = 0; user < MATRIX.userCount(); user++) {
            int[] seen = MATRIX.itemsOf(user);
            IntPredicate seenBy = MATRIX.seenBy(user);
            int[] excluded = IntStream.range(0, MATRIX.itemCount())
                    .filter(i -> seenBy.test(i) || i % 3 != 0).toArray();
            List<ScoredIndex> served = scan.recommend(seen, seen, multipleOfThree, 10);
            assertThat(served).as("user %d", user).isEqualTo(scan.recommend(seen, excluded, 10));
            assertThat(served).allSatisfy(s -> assertThat(s.item() % 3).isZero());
        }
        for (int item = 0; item < MATRIX.itemCount(); item++) {
            assertThat(scan.similarItems(item, 5, multipleOfThree)).as("item %d", item)
                    .isEqualTo(scan.similarItems(item, 5, notMultiples));
        }
    }

    @Test
    void becauseNamesTheSourcesWithTheStrongestLinks() {
        // Item 0 links to 2 with 0.5, item 1 links to 2 with 0.9 and to 3 with 0.1.
        NeighbourScan scan = new NeighbourScan(ItemNeighbours.of(new int[] {0, 1, 3, 3, 3}, new int[] {2, 2, 3},
                new float[] {0.5f, 0.9f, 0.1f}));

        List<ScoredIndex> result = scan.recommend(new int[] {0, 1}, new int[] {0, 1}, i -> true, 10);

        assertThat(result).extracting(ScoredIndex::item).containsExactly(2, 3);
        assertThat(result.get(0).score()).isEqualTo(0.5f + 0.9f);
        assertThat(scan.because(new int[] {0, 1}, 2, 2)).containsExactly(1, 0);
        assertThat(scan.because(new int[] {0, 1}, 2, 1)).containsExactly(1);
        assertThat(scan.because(new int[] {0, 1}, 3, 2)).containsExactly(1);
        assertThat(scan.neighbours().weight(1, 3)).isEqualTo(0.1f);
        assertThat(scan.neighbours().weight(0, 3)).isZero();
    }

    @Test
    void concurrentCallsEachGetTheirOwnScratch() {
        Rp3Beta model = rp3Beta();
        NeighbourScan scan = new NeighbourScan(model.neighbours());
        List<List<ScoredIndex>> expected = IntStream.range(0, MATRIX.userCount())
                .mapToObj(u -> model.recommend(u, 10, MATRIX.seenBy(u))).toList();

        List<List<ScoredIndex>> served = IntStream.range(0, MATRIX.userCount()).parallel()
                .mapToObj(u -> scan.recommend(MATRIX.itemsOf(u), MATRIX.itemsOf(u), 10)).toList();

        assertThat(served).isEqualTo(expected);
    }

    @Test
    void neighbourArraysMustMakeListsOverTheItems() {
        assertThatThrownBy(() -> ItemNeighbours.of(new int[0], new int[0], new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ItemNeighbours.of(new int[] {0, 1}, new int[] {1}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class); // item 1 of 1
        assertThatThrownBy(() -> ItemNeighbours.of(new int[] {0, 2, 1}, new int[] {1, 0}, new float[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class); // a list ending before it starts
        assertThatThrownBy(() -> ItemNeighbours.of(new int[] {0, 1, 2}, new int[] {1, 0}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
