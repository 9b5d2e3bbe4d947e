package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.Detections;

/** Reads {@link Detections} records of {@code detections}. */
public class DetectionsDeserializer extends EventDeserializer<Detections> {

    public DetectionsDeserializer() {
        super(Topics.DETECTIONS);
    }
}
