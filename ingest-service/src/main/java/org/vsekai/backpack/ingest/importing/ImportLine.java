package org.vsekai.backpack.ingest.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.kit.blob.BlobRef;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a batch import (NDJSON), one of two kinds: a scene whose file is in the blob store already
 * ({@code {"sceneId", "ownerId", "blobRef", "format"}}), or a scene's metadata ({@code {"sceneId", "ownerId",
 * "packets": [{"index", "attachedTo", "document"}]}}), which is published as scene-metadata. A line without its own
 * {@code sceneId} gets one derived from the import and its line number, so a resumed import writes the same rows.
 */
public sealed interface ImportLine {

    long number();

    /** {@code sizeBytes} is the blob's, once the store has been asked (-1 before). */
    record SceneReference(long number, UUID sceneId, String ownerId, BlobRef blob, SceneFormat format,
                          long sizeBytes) implements ImportLine {

        SceneReference withSize(long size) {
            return new SceneReference(number, sceneId, ownerId, blob, format, size);
        }
    }

    record SceneMetadataLine(long number, UUID sceneId, String ownerId, List<XmpPacket> packets)
            implements ImportLine {
    }

    /** A line that is neither: counted and reported, the import goes on. */
    record Invalid(long number, String reason) implements ImportLine {
    }

    TypeReference<List<XmpPacket>> PACKETS = new TypeReference<>() {
    };

    static ImportLine parse(UUID importId, long number, byte[] line) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(line);
        } catch (java.io.IOException e) {
            return new Invalid(number, "line " + number + " is not JSON");
        }
        if (json == null || !json.isObject()) {
            return new Invalid(number, "line " + number + " is not a JSON object");
        }
        String owner = json.path("ownerId").asText(null);
        Optional<String> ownerProblem = Identifiers.problemWith(owner);
        if (ownerProblem.isPresent()) {
            return new Invalid(number, "line " + number + ": ownerId " + ownerProblem.get());
        }
        UUID sceneId;
        try {
            sceneId = json.hasNonNull("sceneId") ? UUID.fromString(json.get("sceneId").asText())
                    : UUID.nameUUIDFromBytes((importId + "/" + number).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Invalid(number, "line " + number + ": sceneId is not a UUID");
        }
        if (json.has("packets")) {
            return metadata(number, sceneId, owner, json.get("packets"));
        }
        try {
            BlobRef blob = BlobRef.parse(json.path("blobRef").asText(null));
            SceneFormat format = SceneFormat.valueOf(json.path("format").asText(""));
            return new SceneReference(number, sceneId, owner, blob, format, -1);
        } catch (IllegalArgumentException e) {
            return new Invalid(number, "line " + number + " is neither a scene reference (blobRef, format GLB, GLTF "
                    + "or TSCN) nor scene metadata (packets): " + e.getMessage());
        }
    }

    private static ImportLine metadata(long number, UUID sceneId, String owner, JsonNode packets) {
        List<XmpPacket> read;
        try {
            read = EventJson.mapper().convertValue(packets, PACKETS);
        } catch (IllegalArgumentException e) {
            return new Invalid(number, "line " + number + ": packets are not [{index, attachedTo, document}]");
        }
        List<XmpPacket> checked = new ArrayList<>();
        java.util.Set<Integer> indexes = new java.util.HashSet<>();
        for (XmpPacket packet : read == null ? List.<XmpPacket>of() : read) {
            if (packet == null || packet.index() < 0 || packet.document() == null || !packet.document().isObject()
                    || !indexes.add(packet.index())) {
                return new Invalid(number, "line " + number + ": every packet needs its own index and a JSON-LD "
                        + "object");
            }
            List<PacketTarget> targets = packet.attachedTo() == null ? List.of() : packet.attachedTo();
            checked.add(new XmpPacket(packet.index(), targets, packet.document()));
        }
        return new SceneMetadataLine(number, sceneId, owner, checked);
    }
}
