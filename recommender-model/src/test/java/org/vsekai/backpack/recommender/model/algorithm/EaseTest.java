package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.ids;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.item;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.user;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class EaseTest {

    @Test
    void invertsASymmetricPositiveDefiniteMatrix() {
        double[] a = {4, 2, 0, 2, 5, 1, 0, 1, 3};
        double[] original = a.clone();
        Ease.invertInPlace(a, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int m = 0; m < 3; m++) {
                    sum += original[i * 3 + m] * a[m * 3 + j];
                }
                assertThat(sum).as("(A·A⁻¹)[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void twoItemWeightsMatchTheClosedForm() {
        // Items a = 3 users, b = 2 users, 2 together, λ = 1: G = [[4, 2], [2, 3]], so B[a→b] = 2/4, B[b→a] = 2/3.
        InteractionMatrix matrix = Fixtures.of(new int[][] {{1, 1}, {1, 1}, {1, 0}});
        Ease model = new Ease(1);
        model.fit(matrix);

        assertThat(model.similarItems(item(matrix, 0), 5)).singleElement()
                .satisfies(s -> assertThat(s.score()).isCloseTo(0.5f, within(1e-6f)));
        assertThat(model.similarItems(item(matrix, 1), 5)).singleElement()
                .satisfies(s -> assertThat(s.score()).isCloseTo(2f / 3, within(1e-6f)));
        // u2 holds a only: its score for b is B[a→b].
        assertThat(model.recommend(user(matrix, 2), 5, matrix.seenBy(user(matrix, 2)))).singleElement()
                .satisfies(s -> assertThat(s.score()).isCloseTo(0.5f, within(1e-6f)));
    }

    @Test
    void recommendsEachClusterUserTheItemItMisses() {
        InteractionMatrix clusters = Fixtures.twoClusters();
        Ease model = new Ease(1);
        model.fit(clusters);
        Fixtures.assertRecommendsEachUserTheItemItMisses(model, clusters, "");
        assertThat(ids(clusters, model.similarItems(item(clusters, 7), 4)))
                .containsExactlyInAnyOrder("i5", "i6", "i8", "i9");
    }
}
