package org.vsekai.backpack.recommender.model.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DotProductsTest {

    @Test
    void blocksOfRowsSumBitForBitAsSingleDotProducts() {
        Random random = new Random(7);
        int f = 13; // not a multiple of the block: the tail rows go the single-row way
        int count = 11;
        float[] rows = new float[(count + 2) * f];
        float[] vector = new float[f];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        for (int d = 0; d < f; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        float[] into = new float[count + 1];

        DotProducts.rows(rows, 2, count, vector, f, into, 1);

        for (int r = 0; r < count; r++) {
            double exact = 0;
            for (int d = 0; d < f; d++) {
                exact += (double) rows[(2 + r) * f + d] * vector[d];
            }
            assertThat(into[1 + r]).isEqualTo(DotProducts.dot(rows, (2 + r) * f, vector, f))
                    .isCloseTo((float) exact, org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(into[0]).isZero();
    }
}
