package org.vsekai.backpack.ingest.scene;

import org.vsekai.backpack.ingest.camera.SceneCamera;

/** A camera of a stored scene. */
public record StoredCamera(String cameraId, String name, SceneCamera camera) {
}
