package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

class TimeDecayedPopularityTest {

    private static final long DAY = 86_400;
    private static final long NOW = 100 * DAY;

    // "old" has three interactions two days back, "new" two from today: 3·¼ = 0.75 against 1 + ½.
    private final InteractionMatrix matrix = InteractionMatrix.of(List.of(
            new Interaction("a", "old", 1, NOW - 2 * DAY),
            new Interaction("b", "old", 1, NOW - 2 * DAY),
            new Interaction("c", "old", 1, NOW - 2 * DAY),
            new Interaction("a", "new", 1, NOW),
            new Interaction("b", "new", 1, NOW - DAY),
            new Interaction("c", "mid", 1, NOW - DAY)));

    @Test
    void halvesEachInteractionPerHalfLifeOfAge() {
        TimeDecayedPopularity model = new TimeDecayedPopularity(Duration.ofDays(1));
        model.fit(matrix);

        assertThat(model.score(matrix.items().indexOf("old"))).isCloseTo(0.75f, within(1e-6f));
        assertThat(model.score(matrix.items().indexOf("new"))).isCloseTo(1.5f, within(1e-6f));
        assertThat(model.score(matrix.items().indexOf("mid"))).isCloseTo(0.5f, within(1e-6f));
        assertThat(model.recommend(0, 3, item -> false)).extracting(s -> matrix.items().idOf(s.item()))
                .containsExactly("new", "old", "mid");
    }

    @Test
    void withoutDecayCountsAndHonoursTheExclusion() {
        TimeDecayedPopularity model = new TimeDecayedPopularity(null);
        model.fit(matrix);

        int old = matrix.items().indexOf("old");
        assertThat(model.recommend(0, 2, item -> false)).extracting(s -> matrix.items().idOf(s.item()))
                .containsExactly("old", "new");
        assertThat(model.recommend(0, 2, item -> item == old)).extracting(s -> matrix.items().idOf(s.item()))
                .containsExactly("new", "mid");
    }
}
