package org.vsekai.backpack.ingest.xmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.XMP;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.triangle;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.xmpScene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.ingest.fixtures.SceneFixtures;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.format.ReadLimits;
import org.vsekai.backpack.ingest.gltf.GltfDocument;
import org.vsekai.backpack.ingest.gltf.GltfFiles;


import de.javagl.jgltf.impl.v2.GlTF;

/** KHR_xmp_json_ld packets out of GLBs written by JglTF, each with the objects that refer to it. */
class XmpPacketsTest {

    @TempDir
    Path dir;

    @Test
    void everyPacketComesWithWhatItIsAttachedTo() throws IOException {
        List<XmpPacket> packets = XmpPackets.extract(glb(xmpScene()), 1 << 20);

        assertThat(packets).extracting(XmpPacket::index).containsExactly(0, 1, 2);
        assertThat(packets.get(0).attachedTo()).containsExactly(new PacketTarget("asset", null));
        assertThat(packets.get(1).attachedTo()).containsExactly(new PacketTarget("node", 0),
                new PacketTarget("mesh", 0));
        assertThat(packets.get(2).attachedTo()).containsExactly(new PacketTarget("material", 0),
                new PacketTarget("animation", 0));
        assertThat(packets.get(0).document().at("/dc:title/rdf:_1/@value").asText()).isEqualTo("Waypoint Park");
        assertThat(packets.get(0).document().at("/dc:creator/@list/1").asText()).isEqualTo("ada@example.org");
        assertThat(packets.get(0).document().at("/@context/dc").asText())
                .isEqualTo("http://purl.org/dc/elements/1.1/");
    }

    @Test
    void packetsOnScenesAndImagesAndUnreferencedOnesAreKept() throws IOException {
        GlTF gltf = xmpScene();
        gltf.getScenes().get(0).addExtensions(XMP, Map.of("packet", 1));
        @SuppressWarnings("unchecked")
        List<Object> packets = (List<Object>) ((Map<String, Object>) gltf.getExtensions().get(XMP)).get("packets");
        List<Object> more = new java.util.ArrayList<>(packets);
        more.add(Map.of("@context", Map.of("dc", "http://purl.org/dc/elements/1.1/"), "dc:format", "model/gltf"));
        gltf.addExtensions(XMP, Map.of("packets", more));

        List<XmpPacket> extracted = XmpPackets.extract(glb(gltf), 1 << 20);

        assertThat(extracted.get(1).attachedTo()).containsExactly(new PacketTarget("scene", 0),
                new PacketTarget("node", 0), new PacketTarget("mesh", 0));
        assertThat(extracted.get(3).attachedTo()).isEmpty();
    }

    @Test
    void aSceneWithoutTheExtensionHasNoPackets() throws IOException {
        GltfDocument cameras = new GltfFiles(ReadLimits.defaults())
                .readGltf(SceneFixtures.sharedData("gltf/Cameras.gltf"));
        assertThat(XmpPackets.extract(cameras, 1 << 20)).isEmpty();
    }

    @Test
    void theEventTheyMakeIsOneTheMetadataServiceStores() throws IOException {
        List<XmpPacket> packets = XmpPackets.extract(glb(xmpScene()), 1 << 20);
        SceneMetadata event = new SceneMetadata(SceneMetadata.CURRENT_VERSION, UUID.randomUUID(), UUID.randomUUID(),
                "ada", packets);

        SceneMetadata read = EventJson.read(EventJson.write(event), Topics.SCENE_METADATA);

        // What metadata-service's PacketRules ask: indexes from 0 and distinct, each document a JSON object.
        assertThat(read.packets()).extracting(XmpPacket::index).doesNotHaveDuplicates().allMatch(i -> i >= 0);
        assertThat(read.packets()).allMatch(packet -> packet.document().isObject());
        assertThat(read).isEqualTo(event);
    }

    @Test
    void aReferenceToAPacketThatDoesNotExist() {
        refused(gltf -> gltf.getNodes().get(0).addExtensions(XMP, Map.of("packet", 3)), "UNRESOLVED_REFERENCE",
                "/nodes/0/extensions/KHR_xmp_json_ld/packet");
        refused(gltf -> gltf.getMaterials().get(0).addExtensions(XMP, Map.of("packet", -1)), "UNRESOLVED_REFERENCE",
                "/materials/0/extensions/KHR_xmp_json_ld/packet");
        refused(gltf -> gltf.getMeshes().get(0).addExtensions(XMP, Map.of("packet", "0")), "TYPE_MISMATCH",
                "/meshes/0/extensions/KHR_xmp_json_ld");
    }

    @Test
    void packetsThatAreNotJsonLdObjectsWithAContext() {
        Map<String, Object> valid = SceneFixtures.assetPacket();
        refused(gltf -> gltf.addExtensions(XMP, Map.of("packets", List.of(valid, Map.of("dc:title", "x"), valid))),
                "UNDEFINED_PROPERTY", "/extensions/KHR_xmp_json_ld/packets/1");
        refused(gltf -> gltf.addExtensions(XMP, Map.of("packets", List.of(valid, valid, "text"))), "TYPE_MISMATCH",
                "/extensions/KHR_xmp_json_ld/packets/2");
        refused(gltf -> gltf.addExtensions(XMP, Map.of("packets", List.of())), "TYPE_MISMATCH",
                "/extensions/KHR_xmp_json_ld/packets");
        refused(gltf -> gltf.addExtensions(XMP, Map.of()), "UNDEFINED_PROPERTY", "/extensions/KHR_xmp_json_ld");
    }

    @Test
    void packetsLargerThanAnEventMayCarryAreRefused() throws IOException {
        GlTF gltf = xmpScene();
        gltf.addExtensions(XMP, Map.of("packets", List.of(SceneFixtures.assetPacket(), Map.of("@context",
                Map.of("dc", "http://purl.org/dc/elements/1.1/"), "dc:description", "x".repeat(3000)), Map.of(
                "@context", Map.of()))));
        GltfDocument document = glb(gltf);
        assertThatThrownBy(() -> XmpPackets.extract(document, 2048))
                .isInstanceOfSatisfying(FileLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo("max-metadata-bytes");
                    assertThat(e.problem().errors().get(0).field()).isEqualTo("/extensions/KHR_xmp_json_ld/packets/1");
                });
    }

    private void refused(Consumer<GlTF> change, String code, String pointer) {
        GlTF gltf = xmpScene();
        change.accept(gltf);
        assertThatThrownBy(() -> XmpPackets.extract(glb(gltf), 1 << 20))
                .isInstanceOfSatisfying(InvalidFileException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.location()).isEqualTo(pointer);
                });
    }

    private GltfDocument glb(GlTF gltf) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "xmp", ".glb"), SceneFixtures.glb(gltf, triangle()));
        return new GltfFiles(ReadLimits.defaults()).readGlb(file);
    }

}
