package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.ids;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.item;
import static org.vsekai.backpack.recommender.model.algorithm.Fixtures.user;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class ImplicitAlsTest {

    private static final ImplicitAls.Settings SETTINGS = new ImplicitAls.Settings(4, 0.1, 0, 10, 15, 3, 42);

    @Test
    void recommendsEachClusterUserTheItemItMisses() {
        InteractionMatrix clusters = Fixtures.twoClusters();
        ImplicitAls model = new ImplicitAls(SETTINGS);
        model.fit(clusters);
        Fixtures.assertRecommendsEachUserTheItemItMisses(model, clusters, "");
    }

    @Test
    void similarItemsStayInsideTheCluster() {
        // Two factors: one per cluster, so the cosine separates the clusters cleanly.
        InteractionMatrix clusters = Fixtures.twoClusters();
        ImplicitAls model = new ImplicitAls(new ImplicitAls.Settings(2, 0.1, 0, 10, 15, 3, 42));
        model.fit(clusters);

        assertThat(ids(clusters, model.similarItems(item(clusters, 2), 4)))
                .containsExactlyInAnyOrder("i0", "i1", "i3", "i4");
    }

    @Test
    void theSameSeedGivesTheSameFactors() {
        InteractionMatrix clusters = Fixtures.twoClusters();
        ImplicitAls first = new ImplicitAls(SETTINGS);
        ImplicitAls second = new ImplicitAls(SETTINGS);
        first.fit(clusters);
        second.fit(clusters);

        assertThat(first.userVector(3)).containsExactly(second.userVector(3));
    }
}
