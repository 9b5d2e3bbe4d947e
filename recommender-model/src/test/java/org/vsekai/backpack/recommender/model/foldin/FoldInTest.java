package org.vsekai.backpack.recommender.model.foldin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.model.synthetic.SyntheticInteractions;

class FoldInTest {

    // As many CG steps as factors and more: the trainer's update then converges to its system's exact solution,
    // which the fold-in computes directly. Weighted regularisation (ν = 1) so that n enters λ too.
    private static final ImplicitAls.Settings SETTINGS = new ImplicitAls.Settings(8, 0.05, 1, 4, 6, 24, 7);

    private static InteractionMatrix matrix;
    private static ImplicitAls model;

    @BeforeAll
    static void fit() {
        matrix = SyntheticInteractions.generate(SyntheticInteractions.Settings.of(300, 200, 4_000)).matrix();
        model = new ImplicitAls(SETTINGS);
        model.fit(matrix);
    }

    @Test
    void aFoldedUserIsTheTrainersOwnUserUpdate() {
        FoldIn foldIn = FoldIn.against(model.itemFactors(), SETTINGS);
        for (int user = 0; user < matrix.userCount(); user += 7) {
            // A user with the same history: the same items with the same weights, from the matrix row.
            int from = matrix.rowStart(user);
            int to = matrix.rowEnd(user);
            int[] items = new int[to - from];
            float[] weights = new float[to - from];
            for (int pos = from; pos < to; pos++) {
                items[pos - from] = matrix.itemAt(pos);
                weights[pos - from] = matrix.rowWeightAt(pos);
            }

            assertClose(foldIn.solve(items, weights), model.userUpdate(user), "user " + user);
        }
    }

    @Test
    void aFoldedItemIsTheTrainersOwnItemUpdate() {
        FoldIn foldIn = FoldIn.against(userFactors(), SETTINGS);
        for (int item = 0; item < matrix.itemCount(); item += 5) {
            int from = matrix.columnStart(item);
            int to = matrix.columnEnd(item);
            int[] users = new int[to - from];
            float[] weights = new float[to - from];
            for (int pos = from; pos < to; pos++) {
                users[pos - from] = matrix.userAt(pos);
                weights[pos - from] = matrix.columnWeightAt(pos);
            }

            assertClose(foldIn.solve(users, weights), model.itemUpdate(item), "item " + item);
        }
    }

    @Test
    void aFoldedUserIsRecommendedItemsOfTheClusterItInteractedWith() {
        SyntheticInteractions.Data data = SyntheticInteractions.generate(SyntheticInteractions.Settings.of(300, 200,
                4_000));
        FoldIn foldIn = FoldIn.against(model.itemFactors(), SETTINGS);
        int cluster = data.itemClusters()[0];
        int[] items = IntStream.range(0, matrix.itemCount())
                .filter(i -> data.itemClusters()[i] == cluster).limit(5).toArray();
        float[] weights = new float[items.length];
        Arrays.fill(weights, 1);
        float[] user = foldIn.solve(items, weights);

        List<ScoredIndex> top = top(user, items, 5);
        long inCluster = top.stream().filter(s -> data.itemClusters()[s.item()] == cluster).count();
        assertThat(inCluster).as("items of the folded user's cluster among its top 5").isGreaterThanOrEqualTo(4);
    }

    @Test
    void noEntriesGiveTheZeroVector() {
        assertThat(FoldIn.against(model.itemFactors(), SETTINGS).solve(new int[0], new float[0]))
                .containsOnly(0f);
    }

    @Test
    void badEntriesAreRefused() {
        FoldIn foldIn = FoldIn.against(model.itemFactors(), SETTINGS);
        assertThatThrownBy(() -> foldIn.solve(new int[] {1, 2}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 indexes but 1 weights");
        assertThatThrownBy(() -> foldIn.solve(new int[] {foldIn.rows()}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of the 200 fixed rows");
        assertThatThrownBy(() -> foldIn.solve(new int[] {3}, new float[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not above zero");
        assertThatThrownBy(() -> FoldIn.against(new float[7], 2, 0.1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not rows of 2");
        assertThatThrownBy(() -> FoldIn.against(new float[8], 2, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("λ > 0");
    }

    private static List<ScoredIndex> top(float[] user, int[] excluded, int k) {
        int f = SETTINGS.factors();
        float[] items = model.itemFactors();
        return IntStream.range(0, matrix.itemCount())
                .filter(i -> Arrays.stream(excluded).noneMatch(e -> e == i))
                .mapToObj(i -> {
                    float score = 0;
                    for (int d = 0; d < f; d++) {
                        score += items[i * f + d] * user[d];
                    }
                    return new ScoredIndex(i, score);
                })
                .sorted((a, b) -> Float.compare(b.score(), a.score())).limit(k).toList();
    }

    private static float[] userFactors() {
        int f = SETTINGS.factors();
        float[] all = new float[matrix.userCount() * f];
        for (int user = 0; user < matrix.userCount(); user++) {
            System.arraycopy(model.userVector(user), 0, all, user * f, f);
        }
        return all;
    }

    private static void assertClose(float[] folded, float[] trained, String what) {
        assertThat(folded).as(what).hasSameSizeAs(trained);
        for (int d = 0; d < folded.length; d++) {
            assertThat((double) folded[d]).as(what + ", factor " + d).isCloseTo(trained[d], within(1e-6));
        }
    }
}
