package org.vsekai.backpack.metadata.packet;

import java.util.HashSet;
import java.util.Set;

import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.XmpPacket;

/**
 * What a scene-metadata event must satisfy to be stored. Only the envelope is checked here; what the JSON-LD
 * says is left to the JSON-LD processing of a later issue.
 */
final class PacketRules {

    private PacketRules() {
    }

    static void check(SceneMetadata metadata) {
        if (metadata.sceneId() == null) {
            throw new InvalidSceneMetadataException("event " + metadata.eventId() + " has no sceneId");
        }
        if (metadata.packets() == null) {
            throw new InvalidSceneMetadataException("event " + metadata.eventId() + " has no packets array");
        }
        Set<Integer> indexes = new HashSet<>();
        for (XmpPacket packet : metadata.packets()) {
            if (packet == null) {
                throw new InvalidSceneMetadataException("event " + metadata.eventId() + " has a null packet");
            }
            if (packet.index() < 0) {
                throw new InvalidSceneMetadataException("event " + metadata.eventId() + " has packet index "
                        + packet.index() + "; indexes start at 0");
            }
            if (!indexes.add(packet.index())) {
                throw new InvalidSceneMetadataException("event " + metadata.eventId() + " has packet index "
                        + packet.index() + " twice");
            }
            if (packet.document() == null || !packet.document().isObject()) {
                throw new InvalidSceneMetadataException("event " + metadata.eventId() + ": packet " + packet.index()
                        + " is not a JSON-LD object");
            }
        }
    }
}
