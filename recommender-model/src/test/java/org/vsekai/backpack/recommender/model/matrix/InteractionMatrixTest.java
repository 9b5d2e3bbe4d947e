package org.vsekai.backpack.recommender.model.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class InteractionMatrixTest {

    private final InteractionMatrix matrix = InteractionMatrix.of(List.of(
            new Interaction("ann", "map", 1, 100),
            new Interaction("bob", "hat", 2, 200),
            new Interaction("ann", "hat", 1, 300),
            new Interaction("ann", "map", 0.5f, 400),
            new Interaction("cy", "map", 1, 50)));

    @Test
    void indexesUsersAndItemsInOrderOfFirstAppearance() {
        assertThat(matrix.users().ids()).containsExactly("ann", "bob", "cy");
        assertThat(matrix.items().ids()).containsExactly("map", "hat");
        assertThat(matrix.users().indexOf("bob")).isEqualTo(1);
        assertThat(matrix.users().indexOf("nobody")).isEqualTo(-1);
        assertThat(matrix.items().idOf(1)).isEqualTo("hat");
    }

    @Test
    void mergesRepeatedPairsAddingWeightsAndKeepingTheLatestTime() {
        assertThat(matrix.nonZeroCount()).isEqualTo(4);
        int ann = matrix.users().indexOf("ann");
        assertThat(matrix.rowEnd(ann) - matrix.rowStart(ann)).isEqualTo(2);
        int first = matrix.rowStart(ann);
        assertThat(matrix.itemAt(first)).isEqualTo(0);
        assertThat(matrix.rowWeightAt(first)).isEqualTo(1.5f);
        assertThat(matrix.rowTimeAt(first)).isEqualTo(400);
        assertThat(matrix.latestTime()).isEqualTo(400);
    }

    @Test
    void storesTheSameEntriesByItemWithUsersAscending() {
        int map = matrix.items().indexOf("map");
        int[] users = new int[matrix.columnEnd(map) - matrix.columnStart(map)];
        float[] weights = new float[users.length];
        for (int p = matrix.columnStart(map); p < matrix.columnEnd(map); p++) {
            users[p - matrix.columnStart(map)] = matrix.userAt(p);
            weights[p - matrix.columnStart(map)] = matrix.columnWeightAt(p);
        }
        assertThat(users).containsExactly(0, 2);
        assertThat(weights).containsExactly(1.5f, 1f);
        int hat = matrix.items().indexOf("hat");
        assertThat(matrix.columnTimeAt(matrix.columnStart(hat))).isEqualTo(300);
    }

    @Test
    void answersMembershipFromTheSortedRows() {
        assertThat(matrix.contains(0, 1)).isTrue();
        assertThat(matrix.contains(1, 0)).isFalse();
        assertThat(matrix.seenBy(2).test(0)).isTrue();
        assertThat(matrix.itemsOf(0)).containsExactly(0, 1);
    }

    @Test
    void rejectsInteractionsWithoutIds() {
        assertThatThrownBy(() -> new Interaction(null, "map", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderTakesIndexesAsPrimitivesAndMergesLikeTheListFactory() {
        IdIndex users = IdIndex.of(List.of("ann", "bob", "cy"));
        IdIndex items = IdIndex.of(List.of("map", "hat"));
        InteractionMatrix built = InteractionMatrix.builder(users, items, 2)
                .add(0, 0, 1, 100).add(1, 1, 2, 200).add(0, 1, 1, 300).add(0, 0, 0.5f, 400).add(2, 0, 1, 50)
                .build();

        assertThat(built.nonZeroCount()).isEqualTo(matrix.nonZeroCount());
        for (int u = 0; u < 3; u++) {
            assertThat(built.itemsOf(u)).containsExactly(matrix.itemsOf(u));
            for (int p = built.rowStart(u); p < built.rowEnd(u); p++) {
                assertThat(built.rowWeightAt(p)).isEqualTo(matrix.rowWeightAt(p));
                assertThat(built.rowTimeAt(p)).isEqualTo(matrix.rowTimeAt(p));
            }
        }
    }

    @Test
    void theBuilderRejectsUnknownIndexes() {
        InteractionMatrix.Builder builder = InteractionMatrix.builder(IdIndex.of(List.of("ann")),
                IdIndex.of(List.of("map")), 1);

        assertThatThrownBy(() -> builder.add(1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(0, -1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
