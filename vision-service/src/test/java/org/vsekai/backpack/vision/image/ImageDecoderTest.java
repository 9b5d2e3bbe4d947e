package org.vsekai.backpack.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(1_000_000, 1_000_000, 2000);

    @Test
    void aPngDecodesToItsExactPixels() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] pixels = {0x102030, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x7F8081};
        image.setRGB(0, 0, 3, 2, pixels, 0, 3);
        RgbImage decoded = decoder.decode(encode(image, "png"));
        assertThat(decoded.width()).isEqualTo(3);
        assertThat(decoded.height()).isEqualTo(2);
        assertThat(decoded.pixels()).containsExactly(pixels);
    }

    @Test
    void alphaIsDroppedAndGreyIsReadAsStored() throws Exception {
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x40123456);
        assertThat(decoder.decode(encode(argb, "png")).pixels()).containsExactly(0x123456);

        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {17, 200});
        assertThat(decoder.decode(encode(grey, "png")).pixels()).containsExactly(0x111111, 0xC8C8C8);
    }

    @Test
    void aUniformMidGreyJpegDecodesExactlyAndAColourOneClosely() throws Exception {
        BufferedImage grey = solid(16, 16, 0x808080);
        assertThat(decoder.decode(encode(grey, "jpeg")).pixels()).containsOnly(0x808080);
        int[] red = decoder.decode(encode(solid(16, 16, 0xC03020), "jpeg")).pixels();
        assertThat(Arrays.stream(red).boxed().toList()).allSatisfy(p -> {
            assertThat(Math.abs((p >> 16 & 0xFF) - 0xC0)).isLessThanOrEqualTo(8);
            assertThat(Math.abs((p >> 8 & 0xFF) - 0x30)).isLessThanOrEqualTo(8);
            assertThat(Math.abs((p & 0xFF) - 0x20)).isLessThanOrEqualTo(8);
        });
    }

    @Test
    void limitsAreCheckedBeforeDecoding() throws Exception {
        byte[] big = encode(solid(2, 2, 0), "png");
        assertThatThrownBy(() -> new ImageDecoder(big.length - 1, 100, 100).decode(big))
                .isInstanceOfSatisfying(ImageRejected.class, e -> assertThat(e.kind())
                        .isEqualTo(ImageRejected.Kind.TOO_LARGE)).hasMessageContaining(big.length + " bytes");
        // 1001 x 1000 declares more pixels than the limit; 2001 x 1 a longer side.
        byte[] tooMany = encode(new BufferedImage(1001, 1000, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertThatThrownBy(() -> decoder.decode(tooMany)).isInstanceOfSatisfying(ImageRejected.class,
                e -> assertThat(e.kind()).isEqualTo(ImageRejected.Kind.TOO_MANY_PIXELS)).hasMessageContaining(
                "1001x1000");
        byte[] tooLong = encode(new BufferedImage(2001, 1, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertThatThrownBy(() -> decoder.decode(tooLong)).hasMessageContaining("2000 on a side");
    }

    @Test
    void otherBytesAreUnsupportedAndBrokenOnesUndecodable() throws Exception {
        assertThatThrownBy(() -> decoder.decode("GIF89a....".getBytes())).isInstanceOfSatisfying(
                ImageRejected.class, e -> assertThat(e.kind()).isEqualTo(ImageRejected.Kind.UNSUPPORTED));
        byte[] png = encode(solid(8, 8, 0x123456), "png");
        byte[] truncated = Arrays.copyOf(png, 40);
        assertThatThrownBy(() -> decoder.decode(truncated)).isInstanceOfSatisfying(ImageRejected.class,
                e -> assertThat(e.kind()).isEqualTo(ImageRejected.Kind.UNDECODABLE)).hasMessageContaining("png");
    }

    static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, rgb);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("a %s writer", format).isTrue();
        return out.toByteArray();
    }
}
