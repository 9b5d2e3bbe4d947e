package org.vsekai.backpack.ingest.scene;

import java.util.UUID;

import org.vsekai.backpack.contracts.scene.SceneFormat;

/**
 * The answer to an upload (202).
 *
 * @param jobId         the upload's job, shown at {@code GET /api/v1/uploads/{jobId}}
 * @param sha256        the content hash; the blob is {@code blob:sha256:<sha256>}
 * @param alreadyStored the store held these bytes before this upload (nothing new was written)
 * @param duplicate     the caller had uploaded these bytes before: this is that scene
 */
public record UploadAccepted(UUID sceneId, UUID jobId, String sha256, String blobRef, SceneFormat format,
                             long sizeBytes, boolean alreadyStored, boolean duplicate, SceneState state) {
}
