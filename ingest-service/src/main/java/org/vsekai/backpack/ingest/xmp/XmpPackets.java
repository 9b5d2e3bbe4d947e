package org.vsekai.backpack.ingest.xmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.gltf.GltfDocument;

import com.fasterxml.jackson.databind.JsonNode;

import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.impl.v2.GlTFProperty;

/**
 * The {@code KHR_xmp_json_ld} packets of a checked glTF and what each is attached to. Packets live at the root,
 * {@code extensions.KHR_xmp_json_ld.packets}, each a JSON-LD object with a {@code @context} object; an asset,
 * scene, node, mesh, material, image or animation refers to one with {@code {"packet": i}} (the extension's
 * spec). A reference to a packet that does not exist, a packet that is not an object with a {@code @context}, or
 * packets larger than {@code max-metadata-bytes} in all are refused, naming the JSON pointer.
 */
public final class XmpPackets {

    public static final String EXTENSION = "KHR_xmp_json_ld";

    private XmpPackets() {
    }

    /** Every packet in index order, with the objects that refer to it (asset first, then by kind and index). */
    public static List<XmpPacket> extract(GltfDocument document, int maxMetadataBytes) {
        GlTF gltf = document.gltf();
        List<?> packets = rootPackets(gltf);
        List<List<PacketTarget>> targets = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            targets.add(new ArrayList<>());
        }
        reference(gltf.getAsset(), "asset", null, "/asset", packets.size(), targets);
        attach(gltf.getScenes(), "scene", "scenes", packets.size(), targets);
        attach(gltf.getNodes(), "node", "nodes", packets.size(), targets);
        attach(gltf.getMeshes(), "mesh", "meshes", packets.size(), targets);
        attach(gltf.getMaterials(), "material", "materials", packets.size(), targets);
        attach(gltf.getImages(), "image", "images", packets.size(), targets);
        attach(gltf.getAnimations(), "animation", "animations", packets.size(), targets);

        List<XmpPacket> result = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < packets.size(); i++) {
            String pointer = "/extensions/" + EXTENSION + "/packets/" + i;
            if (!(packets.get(i) instanceof Map<?, ?> packet)) {
                throw new InvalidFileException("TYPE_MISMATCH", pointer, "a packet is a JSON-LD object");
            }
            if (!(packet.get("@context") instanceof Map<?, ?>)) {
                throw new InvalidFileException("UNDEFINED_PROPERTY", pointer,
                        "a packet requires a '@context' object naming its namespaces");
            }
            JsonNode tree = EventJson.mapper().valueToTree(packet);
            bytes += serializedLength(tree);
            if (bytes > maxMetadataBytes) {
                throw FileLimitException.beyond("max-metadata-bytes", pointer, "the XMP packets are larger than "
                        + maxMetadataBytes + " bytes of JSON in all");
            }
            result.add(new XmpPacket(i, List.copyOf(targets.get(i)), tree));
        }
        return result;
    }

    private static List<?> rootPackets(GlTF gltf) {
        Object root = extension(gltf);
        if (root == null) {
            return List.of();
        }
        String pointer = "/extensions/" + EXTENSION;
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidFileException("TYPE_MISMATCH", pointer, "the extension is an object");
        }
        Object packets = map.get("packets");
        if (packets == null) {
            throw new InvalidFileException("UNDEFINED_PROPERTY", pointer, "property 'packets' must be defined");
        }
        if (!(packets instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidFileException("TYPE_MISMATCH", pointer + "/packets", "a non-empty array of packets");
        }
        return list;
    }

    private static void attach(List<? extends GlTFProperty> objects, String kind, String array, int packets,
                               List<List<PacketTarget>> targets) {
        for (int i = 0; objects != null && i < objects.size(); i++) {
            reference(objects.get(i), kind, i, "/" + array + "/" + i, packets, targets);
        }
    }

    private static void reference(GlTFProperty object, String kind, Integer index, String pointer, int packets,
                                  List<List<PacketTarget>> targets) {
        Object reference = extension(object);
        if (reference == null) {
            return;
        }
        String at = pointer + "/extensions/" + EXTENSION;
        if (!(reference instanceof Map<?, ?> map) || !(map.get("packet") instanceof Integer packet)) {
            throw new InvalidFileException("TYPE_MISMATCH", at, "a packet reference is {\"packet\": <index>}");
        }
        if (packet < 0 || packet >= packets) {
            throw new InvalidFileException("UNRESOLVED_REFERENCE", at + "/packet", "no packet has index " + packet
                    + " (there are " + packets + ")");
        }
        targets.get(packet).add(new PacketTarget(kind, index));
    }

    private static Object extension(GlTFProperty object) {
        return object == null || object.getExtensions() == null ? null : object.getExtensions().get(EXTENSION);
    }

    private static long serializedLength(JsonNode tree) {
        try {
            return EventJson.mapper().writeValueAsBytes(tree).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
