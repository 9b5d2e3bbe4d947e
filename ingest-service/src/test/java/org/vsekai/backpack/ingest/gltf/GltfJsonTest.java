package org.vsekai.backpack.ingest.gltf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.format.ReadLimits;

/** The glTF JSON reader's refusals that are about the bytes rather than the schema. */
class GltfJsonTest {

    private final GltfJson json = new GltfJson(ReadLimits.defaults());

    /** Found by GltfFuzzTest: Jackson takes 00 00 01 FC for UTF-32 and failed with an IOException of its own. */
    @Test
    void bytesTakenForUtf32ThatAreNotAreInvalidJson() {
        byte[] start = {0x00, 0x00, 0x01, (byte) 0xFC};
        byte[] rest = ":{\"version\":\"2.0\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] document = new byte[start.length + rest.length];
        System.arraycopy(start, 0, document, 0, start.length);
        System.arraycopy(rest, 0, document, start.length, rest.length);

        assertThatThrownBy(() -> json.read(new ByteArrayInputStream(document)))
                .isInstanceOfSatisfying(InvalidFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_JSON");
                    assertThat(e.problem().status()).isEqualTo(422);
                });
    }
}
