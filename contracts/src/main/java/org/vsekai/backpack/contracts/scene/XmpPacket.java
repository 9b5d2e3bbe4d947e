package org.vsekai.backpack.contracts.scene;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One XMP packet of a scene as JSON-LD, and what references it.
 *
 * @param index      position in the glTF root {@code KHR_xmp_json_ld.packets} array
 * @param attachedTo the objects whose {@code {"packet": index}} points here
 * @param document   the packet itself, a JSON-LD object
 */
public record XmpPacket(int index, List<PacketTarget> attachedTo, JsonNode document) {
}
