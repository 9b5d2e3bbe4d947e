package org.vsekai.backpack.ingest.scene;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.kit.blob.BlobRef;

/** A row of {@code scenes}. {@code packets} and {@code references} are empty until the scene is parsed. */
public record Scene(UUID id, String ownerId, UUID uploadId, BlobRef blob, SceneFormat format, long sizeBytes,
                    SceneState state, String error, Integer cameraCount, List<XmpPacket> packets,
                    List<String> references, Instant createdAt, Instant updatedAt, Instant parsedAt,
                    Instant metadataPublishedAt, Instant indexedAt) {
}
