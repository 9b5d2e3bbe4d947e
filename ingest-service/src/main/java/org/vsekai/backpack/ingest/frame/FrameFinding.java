package org.vsekai.backpack.ingest.frame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;

import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.Keypoints;

/**
 * What one vision model found in one frame (a row of {@code frame_findings}): how many detections or poses, and
 * the distinct labels of the detections.
 *
 * @param labels sorted, lower-cased; empty for poses
 */
public record FrameFinding(UUID frameId, String model, String modelVersion, Kind kind, int found,
                           List<String> labels, UUID eventId, Instant receivedAt) {

    /** Which topic it came from: {@code detections} or {@code keypoints} (one pose per body). */
    public enum Kind {
        DETECTIONS, POSES
    }

    public FrameFinding {
        labels = List.copyOf(labels);
    }

    public static FrameFinding of(Detections event, Instant at) {
        List<Detection> found = event.detections() == null ? List.of() : event.detections();
        TreeSet<String> labels = new TreeSet<>();
        for (Detection detection : found) {
            if (detection != null && detection.label() != null && !detection.label().isBlank()) {
                labels.add(detection.label().strip().toLowerCase(Locale.ROOT));
            }
        }
        return new FrameFinding(event.frameId(), model(event.model()), event.modelVersion(), Kind.DETECTIONS,
                found.size(), new ArrayList<>(labels), event.eventId(), at);
    }

    public static FrameFinding of(Keypoints event, Instant at) {
        int poses = event.sets() == null ? 0 : event.sets().size();
        return new FrameFinding(event.frameId(), model(event.model()), event.modelVersion(), Kind.POSES, poses,
                List.of(), event.eventId(), at);
    }

    /** Events from a producer that names no model still count, under one name. */
    private static String model(String model) {
        return model == null || model.isBlank() ? "unnamed" : model;
    }
}
