package org.vsekai.backpack.ingest.gltf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.format.ReadLimits;

import com.code_intelligence.jazzer.junit.FuzzTest;

import de.javagl.jgltf.impl.v2.Accessor;
import de.javagl.jgltf.impl.v2.Buffer;
import de.javagl.jgltf.impl.v2.BufferView;
import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.impl.v2.Image;
import de.javagl.jgltf.impl.v2.Node;

/**
 * Uploaded scenes, fuzzed: each input is read as a GLB (container, JSON chunk, validation) and as a {@code .gltf}
 * the way a stored upload is ({@link GltfFiles}). Each either passes or is refused with the reader's own
 * {@link InvalidFileException} or {@link FileLimitException}; nothing else may escape. A document that passes must
 * hold what the validator promises (every index in range, every view inside its buffer) and keep to the limits
 * (small ones here, so that the fuzzer reaches them): JSON bytes and data: URI bytes.
 */
class GltfFuzzTest {

    private static final ReadLimits LIMITS = new ReadLimits(2048, 16, 4000, 512, 1024, 1000);
    private static final GltfFiles FILES = new GltfFiles(LIMITS);

    @FuzzTest(maxDuration = "5s")
    void readsOrRefusesTheFile(byte[] file) throws IOException {
        try {
            GltfDocument glb = FILES.readGlb(new ByteArrayInputStream(file), file.length);
            assertThat(jsonChunkLength(file)).isLessThanOrEqualTo(LIMITS.maxJsonBytes());
            holdsWhatTheValidatorPromises(glb.gltf(), true);
        } catch (InvalidFileException | FileLimitException refused) {
            assertThat(refused.problem().status()).isIn(413, 422);
        }
        try {
            GltfDocument gltf = FILES.readGltf(new ByteArrayInputStream(file), file.length);
            assertThat((long) file.length).isLessThanOrEqualTo(LIMITS.maxJsonBytes());
            holdsWhatTheValidatorPromises(gltf.gltf(), false);
        } catch (InvalidFileException | FileLimitException refused) {
            assertThat(refused.problem().status()).isIn(413, 422);
        }
    }

    private static long jsonChunkLength(byte[] glb) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(glb, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    private static void holdsWhatTheValidatorPromises(GlTF gltf, boolean glb) {
        List<Buffer> buffers = orEmpty(gltf.getBuffers());
        List<BufferView> views = orEmpty(gltf.getBufferViews());
        long embedded = 0;
        for (int i = 0; i < buffers.size(); i++) {
            String uri = buffers.get(i).getUri();
            assertThat(uri != null || glb && i == 0).as("buffer %d has its data", i).isTrue();
            if (uri != null) {
                embedded += DataUri.parse(uri).decodedLength();
            }
        }
        for (Image image : orEmpty(gltf.getImages())) {
            if (image.getUri() != null && DataUri.isDataUri(image.getUri())) {
                embedded += DataUri.parse(image.getUri()).decodedLength();
            }
        }
        assertThat(embedded).isLessThanOrEqualTo(LIMITS.maxEmbeddedBytes());
        for (BufferView view : views) {
            assertThat(view.getBuffer()).isBetween(0, buffers.size() - 1);
            long offset = view.getByteOffset() == null ? 0 : view.getByteOffset();
            assertThat(offset + view.getByteLength())
                    .isLessThanOrEqualTo(buffers.get(view.getBuffer()).getByteLength().longValue());
        }
        for (Accessor accessor : orEmpty(gltf.getAccessors())) {
            if (accessor.getBufferView() != null) {
                assertThat(accessor.getBufferView()).isBetween(0, views.size() - 1);
            }
        }
        List<Node> nodes = orEmpty(gltf.getNodes());
        for (Node node : nodes) {
            for (Integer child : orEmpty(node.getChildren())) {
                assertThat(child).isBetween(0, nodes.size() - 1);
            }
            if (node.getMesh() != null) {
                assertThat(node.getMesh()).isBetween(0, orEmpty(gltf.getMeshes()).size() - 1);
            }
        }
        if (gltf.getScene() != null) {
            assertThat(gltf.getScene()).isBetween(0, orEmpty(gltf.getScenes()).size() - 1);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
