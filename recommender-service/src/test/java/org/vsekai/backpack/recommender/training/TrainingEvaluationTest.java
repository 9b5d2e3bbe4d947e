package org.vsekai.backpack.recommender.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.recommendation.TrainingEvaluation;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/** The holdout figures a run is versioned with, on data with structure and on data too small to split. */
class TrainingEvaluationTest {

    private static final ImplicitAls.Settings ALS = new ImplicitAls.Settings(8, 1, 0.5, 5, 8, 3, 42);
    private final List<String> progress = new ArrayList<>();

    /** Two taste groups of 15 items; each user likes 8 of their own group's. */
    private static InteractionMatrix tasteGroups(int users) {
        Random random = new Random(7);
        List<Interaction> interactions = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int group = u % 2;
            List<Integer> own = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                own.add(group * 15 + i);
            }
            java.util.Collections.shuffle(own, random);
            for (int n = 0; n < 8; n++) {
                interactions.add(new Interaction("u" + u, "i" + own.get(n), 1, 1000 + n));
            }
        }
        return InteractionMatrix.of(interactions);
    }

    @Test
    void aRunWithStructureHasFiguresInTheUnitIntervalOverEveryUserAndTheSameOnesAgain() {
        InteractionMatrix data = tasteGroups(40);
        TrainingEvaluation figures = new HoldoutEvaluation(ALS).evaluate(data, progress::add);

        assertThat(figures.skipped()).isNull();
        assertThat(figures.algorithm()).isEqualTo("ials");
        assertThat(figures.evaluatedUsers()).isEqualTo(40); // 8 each: 6 train, 2 held out
        assertThat(List.of(figures.ndcgAt10(), figures.precisionAt10(), figures.recallAt10()))
                .allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
        // Held-out items are in the user's own group, which iALS learns: far above the 2/30 of a random list.
        assertThat(figures.recallAt10()).isGreaterThan(0.5);
        assertThat(figures.ndcgAt10()).isGreaterThan(0.2);
        assertThat(progress).anyMatch(line -> line.contains("nDCG@10"));
        // Fixed split seed and ALS seed: the same run is versioned with the same figures.
        assertThat(new HoldoutEvaluation(ALS).evaluate(data, line -> { })).isEqualTo(figures);
    }

    @Test
    void tooFewUsersWithSomethingToHoldOutGiveNoFiguresAndSayWhy() {
        List<Interaction> few = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            few.add(new Interaction("single" + u, "i" + u, 1, 1000)); // one each: all kept for training
        }
        for (int u = 0; u < HoldoutEvaluation.MIN_EVALUATED_USERS - 1; u++) {
            for (int i = 0; i < 4; i++) {
                few.add(new Interaction("many" + u, "i" + i, 1, 1000));
            }
        }
        TrainingEvaluation figures = new HoldoutEvaluation(ALS).evaluate(InteractionMatrix.of(few), progress::add);

        assertThat(figures.ndcgAt10()).isNull();
        assertThat(figures.precisionAt10()).isNull();
        assertThat(figures.recallAt10()).isNull();
        assertThat(figures.evaluatedUsers()).isNull();
        assertThat(figures.skipped()).contains("too little data").contains("4 users");
        assertThat(progress).anyMatch(line -> line.startsWith("evaluation skipped"));

        // One more user with something to hold out is enough.
        for (int i = 0; i < 4; i++) {
            few.add(new Interaction("enough", "i" + i, 1, 1000));
        }
        assertThat(new HoldoutEvaluation(ALS).evaluate(InteractionMatrix.of(few), line -> { }).evaluatedUsers())
                .isEqualTo(HoldoutEvaluation.MIN_EVALUATED_USERS);
    }

    @Test
    void theMatrixIsSplitAsTheInteractionsItHolds() {
        InteractionMatrix data = tasteGroups(4);
        List<Interaction> back = HoldoutEvaluation.interactions(data);
        assertThat(back).hasSize(data.nonZeroCount());
        assertThat(InteractionMatrix.of(back).users().ids()).isEqualTo(data.users().ids());
    }
}
