package org.vsekai.backpack.contracts.scene;

import java.util.Arrays;
import java.util.Optional;

/** Image formats a camera frame may have, each with its media type. */
public enum FrameFormat {
    PNG("image/png"), JPEG("image/jpeg");

    private final String mediaType;

    FrameFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format uploaded as {@code contentType} (parameters ignored), if any. */
    public static Optional<FrameFormat> ofMediaType(String contentType) {
        return SceneFormat.MediaTypes.essence(contentType).flatMap(type -> Arrays.stream(values())
                .filter(format -> format.mediaType.equals(type)).findFirst());
    }

    public static String mediaTypes() {
        return String.join(", ", Arrays.stream(values()).map(FrameFormat::mediaType).toList());
    }
}
