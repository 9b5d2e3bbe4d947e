package org.vsekai.backpack.vision.model;

/** What a model finds. */
public enum Task {
    DETECTION, POSE, TEXT_DETECTION, CLASSIFICATION, TEXT_RECOGNITION
}
