package org.vsekai.backpack.vision.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** CTC decoding on probability tables written here, where greedy and beam search are known to differ. */
class CtcTest {

    private static final List<String> SYMBOLS = List.of("a", "b");

    private static String symbol(int c) {
        return SYMBOLS.get(c - 1);
    }

    @Test
    void greedyMergesRepeatsAndDropsBlanksButKeepsARepeatAcrossABlank() {
        // steps: a a _ a b b _ → "aab"
        float[] p = table(new float[][] {{0.1f, 0.8f, 0.1f}, {0.1f, 0.7f, 0.2f}, {0.9f, 0.05f, 0.05f},
                {0.2f, 0.6f, 0.2f}, {0.1f, 0.1f, 0.8f}, {0.1f, 0.1f, 0.8f}, {0.8f, 0.1f, 0.1f}});

        Ctc.Reading read = Ctc.greedy(p, 0, 7, 3, CtcTest::symbol);

        assertThat(read.text()).isEqualTo("aab");
        assertThat(read.confidence()).isCloseTo((0.8 + 0.6 + 0.8) / 3, within(1e-6));
    }

    @Test
    void beamSearchSumsAlignmentsWhereGreedyTakesTheBestPath() {
        // Two steps, blank 0.6 and a 0.4 each: greedy's best path is blank-blank (""), but "a" has the alignments
        // a-a, a-blank and blank-a: 0.16 + 0.24 + 0.24 = 0.64 against 0.36 for "".
        float[] p = table(new float[][] {{0.6f, 0.4f, 0f}, {0.6f, 0.4f, 0f}});

        assertThat(Ctc.greedy(p, 0, 2, 3, CtcTest::symbol).text()).isEmpty();
        Ctc.Reading beam = Ctc.beam(p, 0, 2, 3, 4, CtcTest::symbol);

        assertThat(beam.text()).isEqualTo("a");
        assertThat(beam.confidence()).isCloseTo(Math.sqrt(0.64), within(1e-6));
    }

    @Test
    void aTableIsReadAtItsOffset() {
        float[] first = table(new float[][] {{0f, 1f, 0f}});
        float[] second = table(new float[][] {{0f, 0f, 1f}});
        float[] both = new float[6];
        System.arraycopy(first, 0, both, 0, 3);
        System.arraycopy(second, 0, both, 3, 3);

        assertThat(Ctc.greedy(both, 3, 1, 3, CtcTest::symbol).text()).isEqualTo("b");
        assertThat(Ctc.beam(both, 3, 1, 3, 2, CtcTest::symbol).text()).isEqualTo("b");
    }

    private static float[] table(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, flat, t * rows[0].length, rows[0].length);
        }
        return flat;
    }
}
