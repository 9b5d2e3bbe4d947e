package org.vsekai.backpack.metadata.packet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.scene.XmpPacket;

/**
 * The stored packets of one scene, in index order, and the event that brought them.
 *
 * @param receivedAt when this service stored them
 */
public record ScenePackets(UUID sceneId, String ownerId, UUID eventId, Instant receivedAt, List<XmpPacket> packets) {
}
