package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.ids;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.item;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.user;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class Rp3BetaTest {

    // i0 has 3 users, i1 2, i2 1; every user holds 2 items.
    //         i0 i1 i2
    private final InteractionMatrix matrix = Fixtures.of(new int[][] {
            {1, 1, 0},   // u0
            {1, 0, 1},   // u1
            {1, 1, 0}}); // u2

    @Test
    void weightsAreThreeStepWalkProbabilities() {
        // From i0: P(u|i0) = 1/3, P(j|u) = 1/2; i1 is reached through u0 and u2 (2 · 1/6), i2 through u1 (1/6).
        Rp3Beta model = new Rp3Beta(1, 0, 10, false);
        model.fit(matrix);

        List<ScoredIndex> similar = model.similarItems(item(matrix, 0), 10);
        assertThat(ids(matrix, similar)).containsExactly("i1", "i2");
        assertThat(similar.get(0).score()).isCloseTo(1f / 3, within(1e-6f));
        assertThat(similar.get(1).score()).isCloseTo(1f / 6, within(1e-6f));
        // From i2: its one user u1 walks to i0 with probability 1/2.
        assertThat(model.similarItems(item(matrix, 2), 10)).singleElement()
                .satisfies(s -> assertThat(s.score()).isCloseTo(0.5f, within(1e-6f)));
    }

    @Test
    void betaDividesOutPopularityAndLiftsTheLongTail() {
        // β = 2: i1 gets (1/3) / 2² = 1/12, i2 keeps (1/6) / 1² = 1/6, so the rarer item comes first.
        Rp3Beta model = new Rp3Beta(1, 2, 10, false);
        model.fit(matrix);

        List<ScoredIndex> similar = model.similarItems(item(matrix, 0), 10);
        assertThat(ids(matrix, similar)).containsExactly("i2", "i1");
        assertThat(similar.get(1).score()).isCloseTo(1f / 12, within(1e-6f));
    }

    @Test
    void recommendsEachClusterUserTheItemItMisses() {
        InteractionMatrix clusters = Fixtures.twoClusters();
        Rp3Beta model = new Rp3Beta(1, 0.5, 20, true);
        model.fit(clusters);
        Fixtures.assertRecommendsEachUserTheItemItMisses(model, clusters, "");
    }
}
