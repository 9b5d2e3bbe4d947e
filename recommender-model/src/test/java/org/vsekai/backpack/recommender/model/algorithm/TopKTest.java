package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheBestKBestFirstAndBreaksTiesByLowerIndex() {
        TopK top = new TopK(3);
        float[] scores = {0.5f, 3f, 1f, 3f, 2f, 0.1f, 2f};
        for (int item = 0; item < scores.length; item++) {
            top.offer(item, scores[item]);
        }
        assertThat(top.result()).containsExactly(new ScoredIndex(1, 3f), new ScoredIndex(3, 3f),
                new ScoredIndex(4, 2f));
    }

    @Test
    void returnsFewerWhenFewerAreOfferedAndIgnoresNaN() {
        TopK top = new TopK(5);
        top.offer(7, 1f);
        top.offer(8, Float.NaN);
        top.offer(2, -1f);
        assertThat(top.result()).containsExactly(new ScoredIndex(7, 1f), new ScoredIndex(2, -1f));
        assertThat(new TopK(0).result()).isEmpty();
    }

    @Test
    void saysWhetherAnItemWouldGetInOnceFull() {
        TopK top = new TopK(2);
        top.offer(5, 1f);
        assertThat(top.full()).isFalse();
        assertThat(top.accepts(9, -100f)).isTrue();
        top.offer(3, 2f);

        assertThat(top.full()).isTrue();
        assertThat(top.worst()).isEqualTo(1f);
        assertThat(top.accepts(4, 1f)).as("a tie with a lower index wins").isTrue();
        assertThat(top.accepts(6, 1f)).isFalse();
        assertThat(top.accepts(6, Float.NaN)).isFalse();
    }
}
