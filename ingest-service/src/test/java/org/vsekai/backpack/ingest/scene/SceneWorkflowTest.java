package org.vsekai.backpack.ingest.scene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.ingest.scene.SceneWorkflow.Milestones;

class SceneWorkflowTest {

    @Test
    void eachStepCountsOnlyAfterTheOnesBeforeIt() {
        assertThat(state(false, false, false, 0, 0, false)).isEqualTo(SceneState.STORED);
        assertThat(state(false, true, false, 0, 0, false)).isEqualTo(SceneState.PARSED);
        assertThat(state(false, true, true, 0, 0, false)).isEqualTo(SceneState.METADATA_PUBLISHED);
        assertThat(state(false, true, true, 2, 1, false)).isEqualTo(SceneState.METADATA_PUBLISHED);
        assertThat(state(false, true, true, 2, 2, false)).isEqualTo(SceneState.FRAMES_ANALYSED);
        assertThat(state(false, true, true, 2, 2, true)).isEqualTo(SceneState.INDEXED);
        assertThat(state(false, true, true, 0, 0, true)).as("no frames to wait for").isEqualTo(SceneState.INDEXED);
    }

    @Test
    void indexedBeforeItsFramesAreAnalysedWaitsForThem() {
        assertThat(state(false, true, true, 3, 1, true)).isEqualTo(SceneState.METADATA_PUBLISHED);
        assertThat(state(false, false, false, 0, 0, true)).isEqualTo(SceneState.STORED);
    }

    @Test
    void failedIsFinal() {
        assertThat(state(true, true, true, 1, 1, true)).isEqualTo(SceneState.FAILED);
    }

    private static SceneState state(boolean failed, boolean parsed, boolean published, long frames, long analysed,
                                    boolean indexed) {
        return SceneWorkflow.stateOf(new Milestones(failed, parsed, published, frames, analysed, indexed));
    }
}
