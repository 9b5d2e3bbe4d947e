package org.vsekai.backpack.contracts.vision;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code POST /infer/{model}} answers for one image: the decoded findings in pixels of that image. Whatever
 * the model's task is, the other lists are empty. As JSON-LD ({@code Accept: application/ld+json}) it carries
 * {@link VisionJsonLd#CONTEXT}; as plain JSON no context.
 *
 * @param people  the keypoint sets a pose model found
 * @param classes a classifier's classes, most probable first
 */
@JsonPropertyOrder({"@context"})
public record InferenceResult(@JsonProperty("@context") String context, String model, String modelVersion,
                              String task, int imageWidth, int imageHeight, List<Detection> detections,
                              List<KeypointSet> people, List<ClassScore> classes, StageTimes timings) {

    /** The same result with the JSON-LD context. */
    public InferenceResult asJsonLd() {
        return new InferenceResult(VisionJsonLd.CONTEXT, model, modelVersion, task, imageWidth, imageHeight,
                detections, people, classes, timings);
    }
}
