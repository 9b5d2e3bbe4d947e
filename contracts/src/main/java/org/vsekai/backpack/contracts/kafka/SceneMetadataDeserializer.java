package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;

/** Reads {@link SceneMetadata} records of {@code scene-metadata}. */
public class SceneMetadataDeserializer extends EventDeserializer<SceneMetadata> {

    public SceneMetadataDeserializer() {
        super(Topics.SCENE_METADATA);
    }
}
