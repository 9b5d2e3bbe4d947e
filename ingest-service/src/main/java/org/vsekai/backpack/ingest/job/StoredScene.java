package org.vsekai.backpack.ingest.job;

import java.util.Objects;

import org.vsekai.backpack.contracts.scene.SceneFormat;

/**
 * What storing a scene's file produced: where the blob is and what the file holds.
 *
 * @param blobRef     where the stored file is, for example {@code blob://scenes/<sha256>}
 * @param cameraCount cameras found in the scene
 */
public record StoredScene(String blobRef, SceneFormat format, long sizeBytes, int cameraCount) {

    public StoredScene {
        Objects.requireNonNull(blobRef, "blobRef");
        Objects.requireNonNull(format, "format");
        if (sizeBytes < 0 || cameraCount < 0) {
            throw new IllegalArgumentException("sizeBytes and cameraCount must not be negative");
        }
    }
}
