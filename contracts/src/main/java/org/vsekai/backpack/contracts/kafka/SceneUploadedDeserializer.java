package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneUploaded;

/** Reads {@link SceneUploaded} records of {@code scene-uploaded}. */
public class SceneUploadedDeserializer extends EventDeserializer<SceneUploaded> {

    public SceneUploadedDeserializer() {
        super(Topics.SCENE_UPLOADED);
    }
}
