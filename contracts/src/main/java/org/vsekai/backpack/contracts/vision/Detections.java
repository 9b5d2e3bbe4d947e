package org.vsekai.backpack.contracts.vision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Every detection one model found in one frame, with the model that found them. Written with
 * {@link VisionJsonLd#CONTEXT} as its {@code @context}, the record is also a JSON-LD document in the Backpack
 * vocabulary. The event id derives from the frame id and the model ({@link VisionEventIds}), so a frame processed
 * twice yields the same id and consumers skip the repeat.
 *
 * @param camera      the camera's name in the scene; null from older producers
 * @param imageWidth  width of the frame the boxes refer to, in pixels; null from older producers
 * @param imageHeight height of that frame, in pixels; null from older producers
 * @param capturedAt  when the frame was captured; null from older producers
 */
@JsonPropertyOrder({"@context"})
public record Detections(int version, UUID eventId, UUID sceneId, UUID frameId, String model, String modelVersion,
                         List<Detection> detections, String camera, Integer imageWidth, Integer imageHeight,
                         Instant capturedAt, @JsonProperty("@context") String context) implements Event {

    public static final int CURRENT_VERSION = 1;

    /** The detections of a frame without camera, frame size and context, as the first version of this record had it. */
    public Detections(int version, UUID eventId, UUID sceneId, UUID frameId, String model, String modelVersion,
                      List<Detection> detections) {
        this(version, eventId, sceneId, frameId, model, modelVersion, detections, null, null, null, null, null);
    }
}
