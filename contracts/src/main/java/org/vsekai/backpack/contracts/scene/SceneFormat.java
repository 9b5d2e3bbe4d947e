package org.vsekai.backpack.contracts.scene;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** File formats a scene upload may have, each with the media type it is uploaded as. */
public enum SceneFormat {
    GLB("model/gltf-binary"), GLTF("model/gltf+json"), TSCN("application/x-godot-scene");

    private final String mediaType;

    SceneFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format uploaded as {@code contentType} (parameters such as {@code ; charset=} ignored), if any. */
    public static Optional<SceneFormat> ofMediaType(String contentType) {
        return MediaTypes.essence(contentType).flatMap(type -> Arrays.stream(values())
                .filter(format -> format.mediaType.equals(type)).findFirst());
    }

    /** The media types, for an error message or an {@code Accept} list. */
    public static String mediaTypes() {
        return String.join(", ", Arrays.stream(values()).map(SceneFormat::mediaType).toList());
    }

    /** Media type handling shared by the upload formats. */
    static final class MediaTypes {

        private MediaTypes() {
        }

        static Optional<String> essence(String contentType) {
            if (contentType == null) {
                return Optional.empty();
            }
            int parameters = contentType.indexOf(';');
            String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
            return type.isEmpty() ? Optional.empty() : Optional.of(type.toLowerCase(Locale.ROOT));
        }
    }
}
