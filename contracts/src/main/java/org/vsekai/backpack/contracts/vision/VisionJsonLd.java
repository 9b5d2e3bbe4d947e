package org.vsekai.backpack.contracts.vision;

import java.io.InputStream;

/**
 * The JSON-LD context that makes the vision records ({@link Detections}, {@link Keypoints}, {@link InferenceResult})
 * documents in the Backpack vocabulary ({@code https://backpack.v-sekai.org/ns#}): it maps their JSON fields to
 * vocabulary IRIs, and scene and frame ids to {@code urn:uuid:} IRIs. It is bundled here, never fetched; a JSON-LD
 * processor must be given it from {@link #open()}.
 */
public final class VisionJsonLd {

    public static final String CONTEXT = "https://backpack.v-sekai.org/contexts/vision.jsonld";
    public static final String MEDIA_TYPE = "application/ld+json";

    private static final String RESOURCE = "vision.jsonld";

    private VisionJsonLd() {
    }

    /** The context document, to be closed by the caller. */
    public static InputStream open() {
        return VisionJsonLd.class.getResourceAsStream(RESOURCE);
    }
}
