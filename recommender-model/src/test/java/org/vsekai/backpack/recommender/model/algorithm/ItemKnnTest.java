package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.ids;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.item;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.user;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class ItemKnnTest {

    // i0 and i1 share users u0, u1; i2 shares u1 with both; i3 is alone with u3.
    //         i0 i1 i2 i3
    private final InteractionMatrix matrix = Fixtures.of(new int[][] {
            {1, 1, 0, 0},   // u0
            {1, 1, 1, 0},   // u1
            {1, 0, 0, 0},   // u2
            {0, 0, 0, 1}}); // u3

    @Test
    void cosineNeighboursBeforeNormalisationFollowTheHandComputedSimilarities() {
        // cos(i0,i1) = 2/√(3·2) = 0.8165, cos(i0,i2) = 1/√3 = 0.5774; normalised over i0's list: 0.5858 and 0.4142.
        ItemKnn model = new ItemKnn(ItemSimilarityMeasure.COSINE, 10, 0);
        model.fit(matrix);

        List<ScoredIndex> similar = model.similarItems(item(matrix, 0), 10);
        assertThat(ids(matrix, similar)).containsExactly("i1", "i2");
        double a = 2 / Math.sqrt(6);
        double b = 1 / Math.sqrt(3);
        assertThat(similar.get(0).score()).isCloseTo((float) (a / (a + b)), within(1e-5f));
        assertThat(similar.get(1).score()).isCloseTo((float) (b / (a + b)), within(1e-5f));
        assertThat(model.similarItems(item(matrix, 3), 10)).isEmpty();
    }

    @Test
    void shrinkageDiscountsSimilaritiesBackedByFewUsers() {
        // With shrink 1: i2's neighbours are i0 = 1/(√3·1 + 1) = 0.366 and i1 = 1/(√2 + 1) = 0.414.
        ItemKnn model = new ItemKnn(ItemSimilarityMeasure.COSINE, 10, 1);
        model.fit(matrix);

        List<ScoredIndex> similar = model.similarItems(item(matrix, 2), 10);
        assertThat(ids(matrix, similar)).containsExactly("i1", "i0");
        double toI1 = 1 / (Math.sqrt(2) + 1);
        double toI0 = 1 / (Math.sqrt(3) + 1);
        assertThat(similar.get(0).score()).isCloseTo((float) (toI1 / (toI1 + toI0)), within(1e-5f));
    }

    @Test
    void tanimotoIsTheJaccardIndexOfTheirUsers() {
        // J(i1,i0) = 2/3, J(i1,i2) = 1/2 → normalised 4/7 and 3/7.
        ItemKnn model = new ItemKnn(ItemSimilarityMeasure.TANIMOTO, 10, 0);
        model.fit(matrix);

        List<ScoredIndex> similar = model.similarItems(item(matrix, 1), 10);
        assertThat(ids(matrix, similar)).containsExactly("i0", "i2");
        assertThat(similar.get(0).score()).isCloseTo(4f / 7, within(1e-6f));
        assertThat(similar.get(1).score()).isCloseTo(3f / 7, within(1e-6f));
    }

    @Test
    void keepsOnlyTheTopNeighboursAndRecommendsBySummedSimilarity() {
        ItemKnn model = new ItemKnn(ItemSimilarityMeasure.COSINE, 1, 0);
        model.fit(matrix);

        assertThat(ids(matrix, model.similarItems(item(matrix, 0), 10))).containsExactly("i1");
        // u2 has i0 only; i0's single neighbour is i1.
        assertThat(ids(matrix, model.recommend(user(matrix, 2), 5, matrix.seenBy(user(matrix, 2)))))
                .containsExactly("i1");
    }

    @Test
    void recommendsEachClusterUserTheItemItMisses() {
        InteractionMatrix clusters = Fixtures.twoClusters();
        for (ItemSimilarityMeasure measure : ItemSimilarityMeasure.values()) {
            ItemKnn model = new ItemKnn(measure, 20, 0);
            model.fit(clusters);
            Fixtures.assertRecommendsEachUserTheItemItMisses(model, clusters, measure + " for ");
        }
    }
}
