package org.vsekai.backpack.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Camera frame headers, fuzzed: each input is read as a PNG and as a JPEG. A header that passes declares a size
 * within {@link FrameLimits} (small ones here, so that the fuzzer reaches them); any other input is refused with
 * {@link InvalidFileException} or {@link FileLimitException}, never with another exception.
 */
class ImageHeadersFuzzTest {

    private static final FrameLimits LIMITS = new FrameLimits(1 << 20, 640, 480, 200_000);

    @FuzzTest(maxDuration = "5s")
    void readsOrRefusesTheHeader(byte[] image) throws IOException {
        for (FrameFormat declared : FrameFormat.values()) {
            try {
                ImageHeader header = ImageHeaders.read(new ByteArrayInputStream(image), declared, LIMITS);
                assertThat(header.format()).isEqualTo(declared);
                assertThat(header.width()).isBetween(1, LIMITS.maxWidth());
                assertThat(header.height()).isBetween(1, LIMITS.maxHeight());
                assertThat((long) header.width() * header.height()).isLessThanOrEqualTo(LIMITS.maxPixels());
            } catch (InvalidFileException | FileLimitException refused) {
                assertThat(refused.problem().status()).isIn(413, 422);
            }
        }
    }
}
