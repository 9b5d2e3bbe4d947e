package org.vsekai.backpack.recommender.model.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.Interaction;

class SplitTest {

    private final List<Interaction> ratings = new ArrayList<>();

    SplitTest() {
        // u0 has 8 ratings, u1 4, u2 1.
        for (int i = 0; i < 8; i++) {
            ratings.add(new Interaction("u0", "i" + i, 1, i));
        }
        for (int i = 0; i < 4; i++) {
            ratings.add(new Interaction("u1", "i" + i, 1, i));
        }
        ratings.add(new Interaction("u2", "i0", 1, 0));
    }

    @Test
    void putsThreeQuartersOfEachUsersRatingsInTrain() {
        Split split = Split.stratified(ratings, 0.75, 42);

        assertThat(countByUser(split.train())).containsEntry("u0", 6L).containsEntry("u1", 3L).containsEntry("u2", 1L);
        assertThat(countByUser(split.test())).containsEntry("u0", 2L).containsEntry("u1", 1L).doesNotContainKey("u2");
        List<Interaction> union = new ArrayList<>(split.train());
        union.addAll(split.test());
        assertThat(union).containsExactlyInAnyOrderElementsOf(ratings);
    }

    @Test
    void theSeedFixesTheSplitAndAnotherSeedChangesIt() {
        Split first = Split.stratified(ratings, 0.75, 42);
        Split again = Split.stratified(new ArrayList<>(ratings), 0.75, 42);

        assertThat(again).isEqualTo(first);
        boolean anyDifferent = false;
        for (long seed = 1; seed < 20 && !anyDifferent; seed++) {
            anyDifferent = !Split.stratified(ratings, 0.75, seed).test().equals(first.test());
        }
        assertThat(anyDifferent).isTrue();
    }

    private static Map<String, Long> countByUser(List<Interaction> interactions) {
        return interactions.stream().collect(Collectors.groupingBy(Interaction::userId, Collectors.counting()));
    }
}
