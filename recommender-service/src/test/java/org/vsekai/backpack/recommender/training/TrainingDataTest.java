package org.vsekai.backpack.recommender.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class TrainingDataTest {

    @Test
    void streamedRowsMakeTheSameMatrixAsTheInteractionsWould() {
        List<Interaction> rows = new ArrayList<>();
        for (int k = 0; k < 3000; k++) { // past the initial capacity, so the arrays grow
            rows.add(new Interaction("u" + (k % 37), "i" + (k * 7 % 101), 1 + k % 4, 1000L + k));
        }
        TrainingData.Pairs pairs = new TrainingData.Pairs();
        rows.forEach(r -> pairs.add(r.userId(), r.itemId(), r.weight(), r.time()));

        InteractionMatrix streamed = pairs.matrix();
        InteractionMatrix expected = InteractionMatrix.of(rows);

        assertThat(streamed.users().ids()).isEqualTo(expected.users().ids());
        assertThat(streamed.items().ids()).isEqualTo(expected.items().ids());
        assertThat(streamed.nonZeroCount()).isEqualTo(expected.nonZeroCount());
        for (int u = 0; u < expected.userCount(); u++) {
            assertThat(streamed.itemsOf(u)).isEqualTo(expected.itemsOf(u));
            for (int p = expected.rowStart(u); p < expected.rowEnd(u); p++) {
                assertThat(streamed.rowWeightAt(p)).isEqualTo(expected.rowWeightAt(p));
                assertThat(streamed.rowTimeAt(p)).isEqualTo(expected.rowTimeAt(p));
            }
        }
    }
}
