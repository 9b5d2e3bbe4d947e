package org.vsekai.backpack.recommender.foldin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.foldin.FoldInRepository.Pair;
import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.foldin.FoldIn;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

/** The per-snapshot fold-ins on a hand-made two-factor snapshot (no service: the maps and their rules only). */
class SnapshotFoldInsTest {

    private static final double LAMBDA = 0.5;
    private static final double ALPHA = 4;
    private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");

    // Items i0, i1 lean on factor 0; i2 on factor 1. Users u0 on factor 0, u1 on factor 1.
    private final ServingSnapshot snapshot = ServingSnapshot.of("v1", T, 3, List.of("u0", "u1"),
            List.of("i0", "i1", "i2"), 2, new float[] {1, 0, 0, 1}, new float[] {0.9f, 0.1f, 0.8f, 0, 0.1f, 1},
            ItemNeighbours.of(new int[] {0, 0, 0, 0}, new int[0], new float[0]));
    private final SnapshotFoldIns folds = new SnapshotFoldIns(snapshot, LAMBDA, 0, ALPHA);

    @Test
    void aUserIsFoldedFromTheItemsTheSnapshotKnowsOnly() {
        assertThat(folds.foldUser("me", List.of(new Pair("i2", 2), new Pair("unknown", 5)), T)).isTrue();

        float[] expected = FoldIn.against(snapshot.itemFactors(), 2, LAMBDA, 0, ALPHA)
                .solve(new int[] {2}, new float[] {2});
        assertThat(folds.user("me").orElseThrow().vector()).containsExactly(expected);
        assertThat(expected[1]).as("i2's factor").isGreaterThan(expected[0]);
    }

    @Test
    void pairsOfNoKnownItemFoldNothingAndDropAnEarlierVector() {
        folds.foldUser("me", List.of(new Pair("i0", 1)), T);

        assertThat(folds.foldUser("me", List.of(new Pair("unknown", 1)), T.plusSeconds(1))).isFalse();
        assertThat(folds.user("me")).isEmpty();
    }

    @Test
    void aFoldInFromOlderPairsNeverReplacesOneFromNewerPairs() {
        folds.foldUser("me", List.of(new Pair("i2", 1)), T.plusSeconds(2));
        float[] newer = folds.user("me").orElseThrow().vector();

        folds.foldUser("me", List.of(new Pair("i0", 1)), T.plusSeconds(1)); // a slower fold of earlier pairs

        assertThat(folds.user("me").orElseThrow().vector()).isSameAs(newer);
    }

    @Test
    void aNewItemIsFoldedAgainstTheUsersAndTheLimitCountsOnlyOtherItems() {
        assertThat(folds.foldItem("fresh", List.of(new Pair("u1", 1)), T)).isTrue();
        float[] vector = folds.newItems().get("fresh").vector();
        assertThat(vector[1]).as("u1's factor").isGreaterThan(vector[0]);

        assertThat(folds.hasRoomFor("fresh", 1)).as("folded already: may fold again").isTrue();
        assertThat(folds.hasRoomFor("other", 1)).as("the limit reached").isFalse();
        assertThat(folds.hasRoomFor("other", 2)).isTrue();
    }

    @Test
    void anErasedUsersVectorGoes() {
        folds.foldUser("me", List.of(new Pair("i0", 1)), T);

        folds.forgetUser("me");

        assertThat(folds.user("me")).isEmpty();
    }
}
