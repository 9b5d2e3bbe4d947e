package org.vsekai.backpack.contracts.scene;

import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/** The XMP JSON-LD packets the ingest service extracted from one scene. */
public record SceneMetadata(int version, UUID eventId, UUID sceneId, String ownerId, List<XmpPacket> packets)
        implements Event {

    public static final int CURRENT_VERSION = 1;
}
