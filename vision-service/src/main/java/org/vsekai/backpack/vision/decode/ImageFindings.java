package org.vsekai.backpack.vision.decode;

import java.util.List;

import org.vsekai.backpack.contracts.vision.ClassScore;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.KeypointSet;

/** What one model found in one image, in pixels of that image; the lists the model's task does not fill are empty. */
public record ImageFindings(List<Detection> detections, List<KeypointSet> people, List<ClassScore> classes) {

    public static ImageFindings ofDetections(List<Detection> detections) {
        return new ImageFindings(List.copyOf(detections), List.of(), List.of());
    }

    public static ImageFindings ofPeople(List<KeypointSet> people) {
        return new ImageFindings(List.of(), List.copyOf(people), List.of());
    }

    public static ImageFindings ofClasses(List<ClassScore> classes) {
        return new ImageFindings(List.of(), List.of(), List.copyOf(classes));
    }
}
