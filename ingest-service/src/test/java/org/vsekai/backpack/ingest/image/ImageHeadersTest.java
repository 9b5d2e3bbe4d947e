package org.vsekai.backpack.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.ingest.fixtures.Images;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;

/** Frame headers read before any pixel: real PNG and JPEG files from the JDK's encoders, and crafted bombs. */
class ImageHeadersTest {

    private static final FrameLimits LIMITS = FrameLimits.defaults();

    @Test
    void realPngAndJpegFilesDeclareTheirSize() throws IOException {
        assertThat(ImageHeaders.read(new ByteArrayInputStream(Images.encoded("png", 64, 48)), FrameFormat.PNG, LIMITS))
                .isEqualTo(new ImageHeader(FrameFormat.PNG, 64, 48));
        assertThat(ImageHeaders.read(new ByteArrayInputStream(Images.encoded("jpg", 64, 48)), FrameFormat.JPEG, LIMITS))
                .isEqualTo(new ImageHeader(FrameFormat.JPEG, 64, 48));
    }

    @Test
    void aPngDeclaring100000By100000PixelsIsRefusedAfterItsHeader() throws IOException {
        byte[] bomb = Images.pngHeader(100_000, 100_000);
        CountingStream in = new CountingStream(concat(bomb, new byte[1 << 20]));
        assertThatThrownBy(() -> ImageHeaders.read(in, FrameFormat.PNG, LIMITS))
                .isInstanceOfSatisfying(FileLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo("max-frame-pixels");
                    assertThat(e.getMessage()).contains("100000 x 100000");
                });
        assertThat(in.read).as("bytes read").isEqualTo(33);
    }

    @Test
    void aJpegDeclaringAHugeFrameIsRefusedAfterItsHeader() throws IOException {
        byte[] real = Images.encoded("jpg", 16, 16);
        byte[] bomb = real.clone();
        int sof = sofOffset(bomb);
        bomb[sof + 5] = (byte) 0xFF; // height 65535
        bomb[sof + 6] = (byte) 0xFF;
        bomb[sof + 7] = (byte) 0xFF; // width 65535
        bomb[sof + 8] = (byte) 0xFF;
        CountingStream in = new CountingStream(bomb);
        assertThatThrownBy(() -> ImageHeaders.read(in, FrameFormat.JPEG, LIMITS))
                .isInstanceOfSatisfying(FileLimitException.class, e -> assertThat(e.getMessage())
                        .contains("65535 x 65535"));
        assertThat(in.read).isLessThanOrEqualTo(sof + 9);
    }

    @Test
    void aWideButLowImageWithinTheSideLimitsIsStillHeldToThePixelLimit() {
        FrameLimits limits = new FrameLimits(1 << 20, 10_000, 10_000, 1_000_000);
        assertThatThrownBy(() -> ImageHeaders.read(new ByteArrayInputStream(Images.pngHeader(5000, 500)), FrameFormat.PNG,
                limits)).isInstanceOf(FileLimitException.class);
    }

    @Test
    void bytesOfAnotherFormatThanDeclared() throws IOException {
        assertRefused(Images.encoded("png", 4, 4), FrameFormat.JPEG, "IMAGE_MIME_TYPE_INVALID");
        assertRefused(Images.encoded("jpg", 4, 4), FrameFormat.PNG, "IMAGE_MIME_TYPE_INVALID");
    }

    @Test
    void brokenHeaders() throws IOException {
        assertRefused(Arrays.copyOf(Images.encoded("png", 4, 4), 20), FrameFormat.PNG, "IMAGE_UNEXPECTED_EOS");
        byte[] badCrc = Images.pngHeader(4, 4);
        badCrc[32] ^= 1;
        assertRefused(badCrc, FrameFormat.PNG, "IMAGE_DATA_INVALID");
        assertRefused(Images.pngHeader(0, 4), FrameFormat.PNG, "IMAGE_DATA_INVALID");
        byte[] jpeg = Images.encoded("jpg", 4, 4);
        assertRefused(Arrays.copyOf(jpeg, sofOffset(jpeg) - 3), FrameFormat.JPEG, "IMAGE_UNEXPECTED_EOS");
        assertRefused(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2}, FrameFormat.JPEG,
                "IMAGE_DATA_INVALID");
    }

    private static void assertRefused(byte[] image, FrameFormat declared, String code) {
        assertThatThrownBy(() -> ImageHeaders.read(new ByteArrayInputStream(image), declared, LIMITS))
                .isInstanceOfSatisfying(InvalidFileException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static int sofOffset(byte[] jpeg) {
        for (int i = 2; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new AssertionError("the JPEG encoder wrote no SOF0");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Counts the bytes a reader took. */
    private static final class CountingStream extends FilterInputStream {
        long read;

        CountingStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                read++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            read += skipped;
            return skipped;
        }
    }

}
