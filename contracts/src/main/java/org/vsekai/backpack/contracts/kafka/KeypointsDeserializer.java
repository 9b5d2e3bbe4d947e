package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.Keypoints;

/** Reads {@link Keypoints} records of {@code keypoints}. */
public class KeypointsDeserializer extends EventDeserializer<Keypoints> {

    public KeypointsDeserializer() {
        super(Topics.KEYPOINTS);
    }
}
