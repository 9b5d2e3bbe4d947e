package org.vsekai.backpack.contracts.vision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Every keypoint set one pose model found in one frame; like {@link Detections}, a JSON-LD document under
 * {@link VisionJsonLd#CONTEXT}, with an event id derived from frame and model.
 *
 * @param camera      the camera's name in the scene; null from older producers
 * @param imageWidth  width of the frame the points refer to, in pixels; null from older producers
 * @param imageHeight height of that frame, in pixels; null from older producers
 * @param capturedAt  when the frame was captured; null from older producers
 */
@JsonPropertyOrder({"@context"})
public record Keypoints(int version, UUID eventId, UUID sceneId, UUID frameId, String model, String modelVersion,
                        List<KeypointSet> sets, String camera, Integer imageWidth, Integer imageHeight,
                        Instant capturedAt, @JsonProperty("@context") String context) implements Event {

    public static final int CURRENT_VERSION = 1;

    /** The keypoints of a frame without camera, frame size and context, as the first version of this record had it. */
    public Keypoints(int version, UUID eventId, UUID sceneId, UUID frameId, String model, String modelVersion,
                     List<KeypointSet> sets) {
        this(version, eventId, sceneId, frameId, model, modelVersion, sets, null, null, null, null, null);
    }
}
