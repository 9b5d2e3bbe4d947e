package org.vsekai.backpack.contracts.scene;

import java.time.Instant;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/**
 * A scene stored by the ingest service. Carries a reference to the blob, never the bytes.
 *
 * @param blobRef     where the stored file is, a {@code BlobRef} of the service kit: {@code blob:sha256:<hex>}
 * @param cameraCount cameras found in the scene
 */
public record SceneUploaded(int version, UUID eventId, UUID sceneId, String ownerId, String blobRef,
                            SceneFormat format, long sizeBytes, int cameraCount, Instant uploadedAt)
        implements Event {

    public static final int CURRENT_VERSION = 1;
}
