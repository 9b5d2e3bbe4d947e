package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Small matrices with a structure a reader can check by hand. Users are named "u<row>" and items "i<column>"; tests
 * translate names to indexes through the matrix, since indexes follow first appearance.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** User "u<r>" interacted with item "i<c>" (weight = the cell) wherever the cell is not 0. */
    static InteractionMatrix of(int[][] cells) {
        List<Interaction> interactions = new ArrayList<>();
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                if (cells[r][c] != 0) {
                    interactions.add(new Interaction("u" + r, "i" + c, cells[r][c], 0));
                }
            }
        }
        return InteractionMatrix.of(interactions);
    }

    /**
     * Two taste clusters: users 0..9 take items 0..4, users 10..19 items 5..9; user u misses item (u % 5) of its
     * cluster, so the right recommendation for each user is exactly that one item.
     */
    static InteractionMatrix twoClusters() {
        int[][] cells = new int[20][10];
        for (int u = 0; u < 20; u++) {
            int base = u < 10 ? 0 : 5;
            for (int c = base; c < base + 5; c++) {
                cells[u][c] = c - base == u % 5 ? 0 : 1;
            }
        }
        return of(cells);
    }

    /** The item each twoClusters user is missing. */
    static String missingItemOf(int user) {
        return "i" + ((user < 10 ? 0 : 5) + user % 5);
    }

    /**
     * Asserts what every model must do on {@link #twoClusters()} once fitted on it: its one best item for each user
     * is the item that user misses ({@code label} names the model in a failure, may be empty).
     */
    static void assertRecommendsEachUserTheItemItMisses(Recommender model, InteractionMatrix clusters, String label) {
        for (int u = 0; u < 20; u++) {
            int index = user(clusters, u);
            assertThat(ids(clusters, model.recommend(index, 1, clusters.seenBy(index)))).as("%su%d", label, u)
                    .containsExactly(missingItemOf(u));
        }
    }

    static int user(InteractionMatrix matrix, int row) {
        return matrix.users().indexOf("u" + row);
    }

    static int item(InteractionMatrix matrix, int column) {
        return matrix.items().indexOf("i" + column);
    }

    static List<String> ids(InteractionMatrix matrix, List<ScoredIndex> items) {
        return items.stream().map(s -> matrix.items().idOf(s.item())).toList();
    }
}
