package org.vsekai.backpack.vision.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.vision.image.RgbImage;

/** Pre-processing to the exact tensor element, on images of a few pixels. */
class PreprocessingTest {

    private static final double[] ZERO = {0, 0, 0};
    private static final double[] ONE = {1, 1, 1};

    /** 2x2: (10,20,30) (40,50,60) / (70,80,90) (100,110,120). */
    private static final RgbImage TWO_BY_TWO = new RgbImage(2, 2, new int[] {
            rgb(10, 20, 30), rgb(40, 50, 60), rgb(70, 80, 90), rgb(100, 110, 120)});

    @Test
    void atScaleOneEveryPixelIsCopiedIntoPlanesInRgbOrder() {
        assertThat(bytes(uint8(Resize.STRETCH, 2, 2, ColourOrder.RGB, Layout.NCHW), TWO_BY_TWO))
                .containsExactly(10, 40, 70, 100, 20, 50, 80, 110, 30, 60, 90, 120);
    }

    @Test
    void bgrSwapsTheFirstAndLastPlane() {
        assertThat(bytes(uint8(Resize.STRETCH, 2, 2, ColourOrder.BGR, Layout.NCHW), TWO_BY_TWO))
                .containsExactly(30, 60, 90, 120, 20, 50, 80, 110, 10, 40, 70, 100);
    }

    @Test
    void nhwcInterleavesTheChannels() {
        assertThat(bytes(uint8(Resize.STRETCH, 2, 2, ColourOrder.RGB, Layout.NHWC), TWO_BY_TWO))
                .containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120);
    }

    @Test
    void floatsAreDividedThenNormalisedPerChannel() {
        Preprocessing pre = new Preprocessing(Resize.STRETCH, 2, 2, Anchor.CENTER, 0, 32, 960, ColourOrder.RGB, 255,
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, TensorType.FLOAT32,
                Layout.NCHW);
        float[] tensor = floats(pre, TWO_BY_TWO);
        assertThat(tensor[0]).isEqualTo((float) ((10 / 255.0 - 0.485) / 0.229));
        assertThat(tensor[5]).isEqualTo((float) ((50 / 255.0 - 0.456) / 0.224));
        assertThat(tensor[11]).isEqualTo((float) ((120 / 255.0 - 0.406) / 0.225));
    }

    @Test
    void halvingAveragesEachBlockOfFour() {
        // Red channel 0, 4, 8, 12 / 2, 6, 10, 14 / ... : each 2x2 block averages to a whole number.
        int[] pixels = new int[16];
        int[] red = {0, 4, 8, 12, 2, 6, 10, 14, 20, 24, 28, 32, 22, 26, 30, 34};
        for (int i = 0; i < 16; i++) {
            pixels[i] = rgb(red[i], 0, 0);
        }
        int[] tensor = bytes(uint8(Resize.STRETCH, 2, 2, ColourOrder.RGB, Layout.NCHW), new RgbImage(4, 4, pixels));
        assertThat(java.util.Arrays.copyOfRange(tensor, 0, 4)).containsExactly(3, 11, 23, 31);
    }

    @Test
    void doublingInterpolatesWithHalfPixelCentresAndClampsTheEdges() {
        RgbImage two = new RgbImage(2, 1, new int[] {rgb(0, 0, 0), rgb(100, 0, 0)});
        int[] tensor = bytes(uint8(Resize.STRETCH, 4, 1, ColourOrder.RGB, Layout.NCHW), two);
        assertThat(java.util.Arrays.copyOfRange(tensor, 0, 4)).containsExactly(0, 25, 75, 100);
    }

    @Test
    void aCentredLetterboxPadsAboveAndBelowAndItsInverseUndoesIt() {
        RgbImage wide = new RgbImage(4, 2, new int[] {1, 2, 3, 4, 5, 6, 7, 8});
        Preprocessing pre = new Preprocessing(Resize.LETTERBOX, 4, 4, Anchor.CENTER, 114, 32, 960, ColourOrder.RGB,
                255, ZERO, ONE, TensorType.UINT8, Layout.NCHW);
        Placement placement = pre.place(4, 2);
        assertThat(placement).isEqualTo(new Placement(4, 2, 4, 4, 0, 1, 4, 2));
        int[] blue = java.util.Arrays.copyOfRange(bytes(pre, wide), 32, 48);
        assertThat(blue).containsExactly(114, 114, 114, 114, 1, 2, 3, 4, 5, 6, 7, 8, 114, 114, 114, 114);
        assertThat(placement.toImageY(1)).isEqualTo(0);
        assertThat(placement.toImageY(3)).isEqualTo(2);
    }

    @Test
    void aTopLeftLetterboxScalesAndPadsOnlyRightAndBelow() {
        Preprocessing pre = new Preprocessing(Resize.LETTERBOX, 640, 640, Anchor.TOP_LEFT, 127, 32, 960,
                ColourOrder.RGB, 255, ZERO, ONE, TensorType.UINT8, Layout.NCHW);
        Placement placement = pre.place(1280, 960);
        assertThat(placement).isEqualTo(new Placement(1280, 960, 640, 640, 0, 0, 640, 480));
        assertThat(placement.toImageX(320)).isEqualTo(640);
        assertThat(placement.toImageY(480)).isEqualTo(960);
    }

    @Test
    void fitKeepsTheAspectWithSidesOnTheStrideAndTheLongerSideBounded() {
        Preprocessing pre = new Preprocessing(Resize.FIT, 960, 960, Anchor.CENTER, 0, 32, 960, ColourOrder.BGR, 255,
                ZERO, ONE, TensorType.FLOAT32, Layout.NCHW);
        assertThat(pre.place(100, 50)).isEqualTo(new Placement(100, 50, 96, 64, 0, 0, 96, 64));
        assertThat(pre.place(2000, 1000)).isEqualTo(new Placement(2000, 1000, 960, 480, 0, 0, 960, 480));
        assertThat(pre.place(10, 10)).as("never below one stride").isEqualTo(new Placement(10, 10, 32, 32, 0, 0, 32,
                32));
    }

    @Test
    void heightScalesToTheTensorHeightAndPadsOnTheRight() {
        Preprocessing pre = new Preprocessing(Resize.HEIGHT, 192, 48, Anchor.TOP_LEFT, 0, 32, 960, ColourOrder.BGR,
                255, ZERO, ONE, TensorType.FLOAT32, Layout.NCHW);
        assertThat(pre.place(40, 20)).isEqualTo(new Placement(40, 20, 192, 48, 0, 0, 96, 48));
        assertThat(pre.place(1000, 20)).as("too wide: squeezed to the tensor").isEqualTo(
                new Placement(1000, 20, 192, 48, 0, 0, 192, 48));
    }

    @Test
    void aBatchItemIsWrittenAtItsOffset() {
        Preprocessing pre = uint8(Resize.STRETCH, 2, 2, ColourOrder.RGB, Layout.NCHW);
        Placement placement = pre.place(2, 2);
        ByteBuffer buffer = ByteBuffer.allocate(24);
        pre.write(TWO_BY_TWO, placement, buffer, 1);
        assertThat(buffer.get(11)).isEqualTo((byte) 0);
        assertThat(buffer.get(12) & 0xFF).isEqualTo(10);
        assertThat(buffer.get(23) & 0xFF).isEqualTo(120);
        assertThat(pre.shape(2, placement)).containsExactly(2, 3, 2, 2);
    }

    private static Preprocessing uint8(Resize resize, int width, int height, ColourOrder order, Layout layout) {
        return new Preprocessing(resize, width, height, Anchor.CENTER, 0, 32, 960, order, 255, ZERO, ONE,
                TensorType.UINT8, layout);
    }

    private static int[] bytes(Preprocessing pre, RgbImage image) {
        Placement placement = pre.place(image.width(), image.height());
        ByteBuffer buffer = ByteBuffer.allocate(Preprocessing.elements(placement));
        pre.write(image, placement, buffer, 0);
        int[] values = new int[buffer.capacity()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.get(i) & 0xFF;
        }
        return values;
    }

    private static float[] floats(Preprocessing pre, RgbImage image) {
        Placement placement = pre.place(image.width(), image.height());
        FloatBuffer buffer = ByteBuffer.allocateDirect(Preprocessing.elements(placement) * 4)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        pre.write(image, placement, buffer, 0);
        float[] values = new float[buffer.capacity()];
        buffer.get(0, values);
        return values;
    }

    private static int rgb(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }
}
