package org.vsekai.backpack.recommender.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.ItemKnn;
import org.vsekai.backpack.recommender.model.algorithm.ItemSimilarityMeasure;
import org.vsekai.backpack.recommender.model.algorithm.TimeDecayedPopularity;
import org.vsekai.backpack.recommender.model.matrix.Interaction;

class GridSearchTest {

    /** Four taste clusters of 10 items and 30 users each; a user holds 6 random items of its cluster. */
    static List<Interaction> plantedClusters(long seed) {
        Random random = new Random(seed);
        List<Interaction> interactions = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            int cluster = u % 4;
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                items.add(cluster * 10 + i);
            }
            Collections.shuffle(items, random);
            for (int i = 0; i < 6; i++) {
                interactions.add(new Interaction("u" + u, "i" + items.get(i), 1, u));
            }
        }
        return interactions;
    }

    @Test
    void picksTheGridPointThatIsBestOnTheValidationSplit() {
        // Grid point 1 is ItemCF, which finds the clusters; grid point 0 is global popularity, which cannot.
        AlgorithmSpec spec = new AlgorithmSpec("planted", new Hyperparameters(Map.of("cf", 0.0)),
                Hyperparameters.grid(Map.of("cf", List.of(0.0, 1.0))),
                p -> p.get("cf") == 1 ? new ItemKnn(ItemSimilarityMeasure.COSINE, 20, 0)
                        : new TimeDecayedPopularity(null));
        List<String> progress = new ArrayList<>();

        GridSearch.Choice choice = GridSearch.select(spec, plantedClusters(1), 0.75, 43, 10, progress::add);

        assertThat(choice.chosen().get("cf")).isEqualTo(1.0);
        assertThat(choice.trials()).hasSize(2);
        assertThat(choice.trials().get(1).validationNdcg()).isGreaterThan(choice.trials().get(0).validationNdcg());
        assertThat(choice.validationNdcg()).isEqualTo(choice.trials().get(1).validationNdcg());
        assertThat(progress).hasSize(2).allMatch(line -> line.contains("validation nDCG@10"));
    }

    @Test
    void theGridIsTheProductOfTheAxesFirstAxisSlowest() {
        Map<String, List<Double>> axes = new LinkedHashMap<>();
        axes.put("a", List.of(1.0, 2.0));
        axes.put("b", List.of(10.0, 20.0, 30.0));

        assertThat(Hyperparameters.grid(axes)).extracting(Hyperparameters::toString).containsExactly(
                "a=1, b=10", "a=1, b=20", "a=1, b=30", "a=2, b=10", "a=2, b=20", "a=2, b=30");
    }
}
