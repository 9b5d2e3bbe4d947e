package org.vsekai.backpack.ingest.scene;

/**
 * Where a scene's processing stands, one state for a client to poll: stored → parsed → metadata published →
 * frames analysed → indexed, or failed. See {@link SceneWorkflow} for how it follows from what happened.
 */
public enum SceneState {
    STORED, PARSED, METADATA_PUBLISHED, FRAMES_ANALYSED, INDEXED, FAILED
}
