package org.vsekai.backpack.vision.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.image.RgbImage;

/**
 * Image to image in tiles: the generated nearest-2x model (ONNX Resize) over an image many tiles large gives exactly
 * the image scaled up whole, pixel for pixel, though it only ever saw tiles; the overlaps are blended.
 */
class TiledTransformTest {

    private static ImageModel upscale;

    @BeforeAll
    static void load() {
        upscale = ImageModel.load("upscale", TestConfigs.vision().imageToImage().models().get("upscale"));
    }

    @AfterAll
    static void close() throws Exception {
        upscale.close();
    }

    private static RgbImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return new RgbImage(width, height, pixels);
    }

    @Test
    void theModelsScaleIsMeasuredAtLoad() {
        assertThat(upscale.scale()).isEqualTo(2);
        assertThat(upscale.tile()).isEqualTo(64);
        assertThat(upscale.fixed()).isFalse();
    }

    @Test
    void aLargeImageInTilesIsExactlyTheWholeImageScaledUp() throws Exception {
        RgbImage image = noise(301, 203, 7);
        List<int[]> tiles = new ArrayList<>();
        RgbImage out = upscale.transform().apply(image, (chw, w, h) -> {
            tiles.add(new int[] {w, h});
            return upscale.run(chw, w, h);
        });

        assertThat(out.width()).isEqualTo(602);
        assertThat(out.height()).isEqualTo(406);
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                if (out.rgb(x, y) != image.rgb(x / 2, y / 2)) {
                    throw new AssertionError("pixel " + x + "," + y + ": " + Integer.toHexString(out.rgb(x, y))
                            + " is not " + Integer.toHexString(image.rgb(x / 2, y / 2)));
                }
            }
        }
        // 301 = tiles at 0, 56, ..., 237 (the last moved in): 6 across; 203: 4 down. Never more than a tile.
        assertThat(tiles).hasSize(6 * 4).allSatisfy(t -> assertThat(t).containsExactly(64, 64));
    }

    @Test
    void tileOriginsCoverTheSideWithAtLeastTheOverlap() {
        TiledTransform transform = new TiledTransform(64, 8, 1, 255);
        assertThat(transform.origins(301)).containsExactly(0, 56, 112, 168, 224, 237);
        assertThat(transform.origins(64)).containsExactly(0);
        assertThat(transform.origins(20)).containsExactly(0);
    }

    @Test
    void anImageSmallerThanATileIsOneTile() throws Exception {
        RgbImage image = noise(30, 17, 3);
        RgbImage out = upscale.transform().apply(image, upscale::run);
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                assertThat(out.rgb(x, y)).isEqualTo(image.rgb(x / 2, y / 2));
            }
        }
    }

    @Test
    void overlapsAreBlendedBetweenTheTilesOutputs() throws Exception {
        // A model that answers each tile with one grey of its own: inside a tile its grey, between two a mix.
        RgbImage image = noise(120, 40, 1);
        TiledTransform transform = new TiledTransform(64, 16, 1, 255);
        int[] count = {0};
        RgbImage out = transform.apply(image, (chw, w, h) -> {
            float grey = count[0]++ == 0 ? 0f : 1f;
            float[] flat = new float[chw.length];
            Arrays.fill(flat, grey);
            return flat;
        });
        // Tiles at 0 and 56 across (40 high: one row): the overlap is x 56..63.
        assertThat(out.rgb(10, 20) & 0xFF).isEqualTo(0);
        assertThat(out.rgb(100, 20) & 0xFF).isEqualTo(255);
        int previous = -1;
        for (int x = 56; x < 64; x++) {
            int value = out.rgb(x, 20) & 0xFF;
            assertThat(value).as("x " + x).isGreaterThan(previous).isStrictlyBetween(0, 255);
            previous = value;
        }
    }
}
