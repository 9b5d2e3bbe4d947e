package org.vsekai.backpack.ingest.scene;

/**
 * A scene's state from its milestones. Each step counts only once every step before it is done: a scene is
 * PARSED when its parse job completed, METADATA_PUBLISHED when its scene-metadata event is in the outbox,
 * FRAMES_ANALYSED when it has frames and the vision-service's detections or keypoints arrived for every one of them
 * (a frame posted later takes it back to METADATA_PUBLISHED until that frame is analysed too), and INDEXED when, on
 * top of that, the metadata-service has announced the scene as an item ({@code item-attributes}). A scene without frames
 * goes from METADATA_PUBLISHED to INDEXED once it is indexed. FAILED is final.
 */
public final class SceneWorkflow {

    private SceneWorkflow() {
    }

    /** The milestones of one scene. */
    public record Milestones(boolean failed, boolean parsed, boolean metadataPublished, long frames,
                             long framesAnalysed, boolean indexed) {
    }

    public static SceneState stateOf(Milestones m) {
        if (m.failed()) {
            return SceneState.FAILED;
        }
        if (!m.parsed()) {
            return SceneState.STORED;
        }
        if (!m.metadataPublished()) {
            return SceneState.PARSED;
        }
        boolean framesDone = m.framesAnalysed() >= m.frames();
        if (!framesDone) {
            return SceneState.METADATA_PUBLISHED;
        }
        if (m.indexed()) {
            return SceneState.INDEXED;
        }
        return m.frames() > 0 ? SceneState.FRAMES_ANALYSED : SceneState.METADATA_PUBLISHED;
    }
}
