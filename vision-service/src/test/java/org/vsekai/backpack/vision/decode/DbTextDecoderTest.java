package org.vsekai.backpack.vision.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.model.Labels;
import org.vsekai.backpack.vision.tensor.Placement;

/** DB post-processing on probability maps drawn here, so every box is known. */
class DbTextDecoderTest {

    private static final int W = 40;
    private static final int H = 20;
    private final DbTextDecoder decoder = new DbTextDecoder(new DecoderSettings(
            Labels.of(Optional.empty(), Optional.empty(), "text", "https://backpack.v-sekai.org/ns/classes/"),
            0.5, 0.45, 100, 0.3, 0.3, 1.5, 3, List.of("map")));

    @Test
    void aRegionBecomesItsBoxGrownByTheUnclipDistance() {
        float[] map = new float[W * H];
        fill(map, 5, 4, 14, 9, 0.9f);

        List<Detection> found = decoder.regions(map, 0, W, H, same());

        // Pixel centres 5..14 x 4..9: 9 x 5; grows by 9 * 5 * 1.5 / (2 * (9 + 5)) on every side.
        double grow = 9 * 5 * 1.5 / 28;
        assertThat(found).hasSize(1);
        assertBox(found.get(0).box(), 5 - grow, 4 - grow, 9 + 2 * grow, 5 + 2 * grow);
        assertThat(found.get(0).score()).isCloseTo(0.9, within(1e-6));
        assertThat(found.get(0).label()).isEqualTo("text");
        assertThat(found.get(0).classIri()).isEqualTo("https://backpack.v-sekai.org/ns/classes/text");
        assertThat(found.get(0).quad()).extracting(p -> p.x(), p -> p.y()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5 - grow, 4 - grow), org.assertj.core.groups.Tuple.tuple(14 + grow, 4 - grow),
                org.assertj.core.groups.Tuple.tuple(14 + grow, 9 + grow), org.assertj.core.groups.Tuple.tuple(5 - grow, 9 + grow));
    }

    @Test
    void smallAndFaintRegionsAreDroppedAndTheRestComeTopToBottom() {
        float[] map = new float[W * H];
        fill(map, 20, 12, 35, 17, 0.8f);    // lower line
        fill(map, 2, 1, 30, 6, 0.95f);      // upper line
        fill(map, 36, 1, 37, 2, 0.99f);     // 1 x 1 between centres: below the minimum size
        fill(map, 2, 12, 12, 17, 0.35f);    // above the binary threshold, but its mean is below the box threshold

        List<Detection> found = decoder.regions(map, 0, W, H, same());

        assertScores(found, 0.95, 0.8);
        assertThat(found.get(0).box().y()).isLessThan(found.get(1).box().y());
    }

    @Test
    void diagonalNeighboursAreOneRegionAndBoxesScaleToTheImage() {
        float[] map = new float[W * H];
        fill(map, 2, 2, 15, 15, 0.29f);     // below the binary threshold: connects nothing, counts in the mean
        fill(map, 2, 2, 8, 8, 0.9f);
        fill(map, 9, 9, 15, 15, 0.9f);      // touches the first only at a corner
        // The image was 80 x 40: the tensor is half its size.
        Placement half = new Placement(80, 40, W, H, 0, 0, W, H);

        List<Detection> found = decoder.regions(map, 0, W, H, half);

        // The smallest rectangle around the two squares lies along the diagonal: 26/√2 by 12/√2 in pixel centres
        // (area 156, less than the 13 x 13 square around them), grown by area x 1.5 / perimeter on every side; the
        // box is its bounds, from -1 - √2 grow to 18 + √2 grow on both axes, doubled into the image.
        double r = Math.sqrt(2);
        double grow = 156 * 1.5 / (2 * (26 / r + 12 / r));
        assertThat(found).hasSize(1);
        double low = -1 - r * grow;
        double high = 18 + r * grow;
        BoundingBox box = found.get(0).box();
        assertThat(box.x()).isCloseTo(0, within(1e-9)); // clipped to the image
        assertThat(box.width()).isCloseTo(2 * high, within(1e-9));
        assertThat(box.y()).isCloseTo(0, within(1e-9));
        assertThat(box.height()).as("clipped to the image's 40").isCloseTo(40, within(1e-9));
        assertThat(low).isLessThan(0);
    }

    @Test
    void aSlantedLineKeepsItsScoreAndGetsATurnedQuad() {
        float[] map = new float[W * H];
        for (int x = 4; x <= 34; x++) {     // a band five pixels high, rising one pixel every ten
            int y = 12 - (x - 4) / 10;
            for (int dy = 0; dy < 5; dy++) {
                map[(y + dy) * W + x] = 0.9f;
            }
        }

        List<Detection> found = decoder.regions(map, 0, W, H, same());

        assertThat(found).hasSize(1);
        // An axis-aligned box's mean would take in the background above and below the band and fall below 0.5.
        assertThat(found.get(0).score()).isGreaterThan(0.75);
        var quad = found.get(0).quad();
        double angle = Math.toDegrees(Math.atan2(quad.get(1).y() - quad.get(0).y(), quad.get(1).x() - quad.get(0).x()));
        assertThat(angle).as("the top edge rises with the band").isBetween(-8.0, -3.0);
        assertThat(quad.get(3).y()).as("bottom-left below top-left").isGreaterThan(quad.get(0).y());
    }

    @Test
    void aBatchItemIsReadAtItsOffset() {
        float[] maps = new float[2 * W * H];
        fill(maps, 5, 4, 14, 9, 0.9f);
        float[] second = new float[W * H];
        fill(second, 20, 5, 30, 10, 0.7f);
        System.arraycopy(second, 0, maps, W * H, W * H);

        assertScores(decoder.regions(maps, W * H, W, H, same()), 0.7);
    }

    private static void assertScores(List<Detection> found, double... scores) {
        assertThat(found).hasSize(scores.length);
        for (int i = 0; i < scores.length; i++) {
            assertThat(found.get(i).score()).isCloseTo(scores[i], within(1e-6));
        }
    }

    private static Placement same() {
        return new Placement(W, H, W, H, 0, 0, W, H);
    }

    private static void fill(float[] map, int x1, int y1, int x2, int y2, float value) {
        for (int y = y1; y <= y2; y++) {
            for (int x = x1; x <= x2; x++) {
                map[y * W + x] = value;
            }
        }
    }

    private static void assertBox(BoundingBox box, double x, double y, double width, double height) {
        assertThat(box.x()).isCloseTo(Math.max(0, x), within(1e-9));
        assertThat(box.y()).isCloseTo(Math.max(0, y), within(1e-9));
        assertThat(box.width()).isCloseTo(width - (Math.max(0, x) - x), within(1e-9));
        assertThat(box.height()).isCloseTo(height - (Math.max(0, y) - y), within(1e-9));
    }
}
