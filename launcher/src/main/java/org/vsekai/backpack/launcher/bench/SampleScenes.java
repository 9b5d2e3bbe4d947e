package org.vsekai.backpack.launcher.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/**
 * Scenes and frames to send through the suite (the ingest benchmark, the end-to-end test): a GLB as the
 * {@code KHR_xmp_json_ld} spec shows one, a packet at the root referenced from the asset and a node, a perspective
 * camera (yfov 0.8, no aspect ratio) on node 1, 2 units up; and PNG frames from the JDK's encoder.
 */
public final class SampleScenes {

    private static final int GLB_MAGIC = 0x46546C67;
    private static final int CHUNK_JSON = 0x4E4F534A;
    private static final int CHUNK_BIN = 0x004E4942;
    private static final int TRIANGLE_BYTES = 36;

    private SampleScenes() {
    }

    /**
     * A GLB whose XMP title is {@code title} (which also makes its bytes unique) and whose BIN chunk holds the
     * triangle's positions followed by {@code extraBytes} of zeros (a large buffer, to test throughput).
     */
    public static byte[] glb(String title, int extraBytes) {
        int binLength = (TRIANGLE_BYTES + extraBytes + 3) / 4 * 4;
        String json = """
                {"asset": {"version": "2.0", "generator": "backpack sample", \
                "extensions": {"KHR_xmp_json_ld": {"packet": 0}}},
                 "extensionsUsed": ["KHR_xmp_json_ld"],
                 "extensions": {"KHR_xmp_json_ld": {"packets": [{"@context": {"dc": "http://purl.org/dc/elements/1.1/"},
                   "dc:title": "%s", "dc:creator": {"@list": ["backpack"]}}]}},
                 "buffers": [{"byteLength": %d}],
                 "bufferViews": [{"buffer": 0, "byteLength": 36, "target": 34962}],
                 "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                                "min": [0, 0, 0], "max": [1, 1, 0]}],
                 "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
                 "cameras": [{"type": "perspective", "perspective": {"yfov": 0.8, "znear": 0.1}}],
                 "nodes": [{"mesh": 0, "children": [1], "extensions": {"KHR_xmp_json_ld": {"packet": 0}}},
                           {"camera": 0, "translation": [0, 2, 0]}],
                 "scenes": [{"nodes": [0]}], "scene": 0}
                """.formatted(title.replace("\\", "\\\\").replace("\"", "\\\""), binLength);
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        int jsonLength = (text.length + 3) / 4 * 4;
        ByteBuffer glb = ByteBuffer.allocate(12 + 8 + jsonLength + 8 + binLength).order(ByteOrder.LITTLE_ENDIAN);
        glb.putInt(GLB_MAGIC).putInt(2).putInt(glb.capacity());
        glb.putInt(jsonLength).putInt(CHUNK_JSON).put(text);
        for (int i = text.length; i < jsonLength; i++) {
            glb.put((byte) ' ');
        }
        glb.putInt(binLength).putInt(CHUNK_BIN);
        for (float value : new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}) {
            glb.putFloat(value);
        }
        return glb.array(); // the rest of the BIN chunk stays zero
    }

    /** A PNG of this size; {@code seed} colours one pixel, so frames of different seeds differ. */
    public static byte[] png(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, seed & 0xFFFFFF);
        image.setRGB(0, 0, (seed >>> 24) * 0x010101);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
