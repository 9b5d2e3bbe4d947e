package org.vsekai.backpack.vision.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.scene.CameraFrame;

class FrameRulesTest {

    private static final String BLOB = "blob:sha256:" + "ab".repeat(32);

    private final FrameRules rules = new FrameRules(8192);

    @Test
    void aFrameWithinTheLimitsPasses() {
        assertThat(rules.problemWith(frame(1, 1, BLOB))).isEmpty();
        assertThat(rules.problemWith(frame(8192, 8192, BLOB))).isEmpty();
    }

    @Test
    void sidesMustBePositiveAndWithinTheLimit() {
        assertThat(rules.problemWith(frame(0, 480, BLOB))).get().asString().contains("width 0");
        assertThat(rules.problemWith(frame(640, -1, BLOB))).get().asString().contains("height -1");
        assertThat(rules.problemWith(frame(8193, 480, BLOB))).get().asString()
                .contains("width 8193").contains("8192");
    }

    @Test
    void theFrameMustNameItsBlob() {
        assertThat(rules.problemWith(frame(640, 480, " "))).get().asString().contains("no blobRef");
        assertThat(rules.problemWith(frame(640, 480, null))).get().asString().contains("no blobRef");
    }

    @Test
    void theBlobMustBeAContentAddress() {
        assertThat(rules.problemWith(frame(640, 480, "blob://frames/a"))).get().asString()
                .contains("not a blob reference");
        assertThat(rules.problemWith(frame(640, 480, "blob:sha256:xyz"))).get().asString().contains("64 lower-case");
    }

    @Test
    void theFrameMustSayWhichSceneItBelongsTo() {
        CameraFrame orphan = new CameraFrame(1, UUID.randomUUID(), null, UUID.randomUUID(), BLOB,
                "Camera", null, 640, 480, Instant.now());
        assertThat(rules.problemWith(orphan)).get().asString().contains("no sceneId");
    }

    private static CameraFrame frame(int width, int height, String blobRef) {
        return new CameraFrame(1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), blobRef, "Camera", null,
                width, height, Instant.now());
    }
}
