package org.vsekai.backpack.recommender.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.Recommender;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class EvaluationTest {

    // Train: a has i0; b has i1; catalogue i0..i3. Test: a holds out i2 and i9 (i9 unknown to training); b i3;
    // c (unknown to training) i0.
    private final InteractionMatrix train = InteractionMatrix.of(List.of(
            new Interaction("a", "i0", 1, 0), new Interaction("b", "i1", 1, 0),
            new Interaction("b", "i2", 1, 0), new Interaction("a", "i3", 1, 0)));
    private final HeldOut heldOut = HeldOut.of(List.of(
            new Interaction("a", "i2", 1, 0), new Interaction("a", "i9", 1, 0),
            new Interaction("b", "i3", 1, 0), new Interaction("c", "i0", 1, 0)), train);

    /** Ranks a fixed list of item ids, honouring the exclusion. */
    private Recommender fixed(Map<String, List<String>> lists) {
        return new Recommender() {
            @Override
            public void fit(InteractionMatrix interactions) {
            }

            @Override
            public List<ScoredIndex> recommend(int user, int k, IntPredicate excluded) {
                return lists.get(train.users().idOf(user)).stream().map(train.items()::indexOf)
                        .filter(i -> !excluded.test(i)).limit(k).map(i -> new ScoredIndex(i, 1)).toList();
            }
        };
    }

    @Test
    void averagesPerUserMetricsRemovesTrainingItemsAndSkipsUnknownUsers() {
        // a is offered i0 (seen: removed), i1, i2 → ranks i1, i2: hit at rank 2 of 2 relevant.
        // b is offered i3 → hit at rank 1 of 1 relevant.
        Recommender model = fixed(Map.of("a", List.of("i0", "i1", "i2"), "b", List.of("i3")));

        Metrics metrics = Evaluation.evaluate(model, train, heldOut, 2);

        assertThat(heldOut.unknownUsers()).isEqualTo(1);
        assertThat(metrics.users()).isEqualTo(2);
        assertThat(metrics.precision()).isCloseTo((0.5 + 0.5) / 2, within(1e-12));
        assertThat(metrics.recall()).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
        double ndcgA = (1 / log2(3)) / (1 + 1 / log2(3));
        assertThat(metrics.ndcg()).isCloseTo((ndcgA + 1) / 2, within(1e-12));
        assertThat(metrics.map()).isCloseTo((0.5 / 2 + 1) / 2, within(1e-12));
        // i1, i2, i3 recommended out of the 4 training items.
        assertThat(metrics.coverage()).isCloseTo(0.75, within(1e-12));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
