package org.vsekai.backpack.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Images sent for inference, fuzzed: {@link ImageDecoder} either decodes a PNG or JPEG within the pixel and side
 * limits (small ones here, so that the fuzzer reaches them) or refuses it with {@link ImageRejected}; no exception of
 * ImageIO may escape it, and no image past the limits may be decoded.
 */
class ImageDecoderFuzzTest {

    private static final long MAX_BYTES = 64 << 10;
    private static final long MAX_PIXELS = 4096;
    private static final int MAX_DIMENSION = 128;
    private static final ImageDecoder DECODER = new ImageDecoder(MAX_BYTES, MAX_PIXELS, MAX_DIMENSION);

    @FuzzTest(maxDuration = "5s")
    void decodesOrRefusesTheImage(byte[] encoded) {
        try {
            RgbImage image = DECODER.decode(encoded);
            assertThat(image.width()).isBetween(1, MAX_DIMENSION);
            assertThat(image.height()).isBetween(1, MAX_DIMENSION);
            assertThat((long) image.pixels().length).isEqualTo((long) image.width() * image.height())
                    .isLessThanOrEqualTo(MAX_PIXELS);
        } catch (ImageRejected refused) {
            assertThat(refused.kind()).isNotNull();
        }
    }
}
