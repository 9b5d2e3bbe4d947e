package org.vsekai.backpack.ingest.format;

/**
 * How much of an uploaded scene this service reads. Each limit is checked before the thing it bounds is built, and
 * its name here is its configuration name under {@code backpack.ingest.limits}.
 *
 * @param maxJsonBytes     bytes of glTF JSON (a {@code .gltf} file, or a GLB's JSON chunk)
 * @param maxJsonDepth     nesting of JSON objects and arrays; 64 keeps every XMP packet within the depth that
 *                         events may have ({@code EventJson.MAX_NESTING_DEPTH}) once it travels in scene-metadata
 * @param maxJsonTokens    JSON tokens (every value, key and bracket), which bounds the objects the parser builds
 * @param maxEmbeddedBytes bytes that all {@code data:} URIs of one file decode to, counted without decoding them
 * @param maxMetadataBytes bytes of all XMP packets of one scene as JSON, so that scene-metadata fits a Kafka record
 * @param maxNodes         nodes of a {@code .tscn} scene
 */
public record ReadLimits(long maxJsonBytes, int maxJsonDepth, long maxJsonTokens, long maxEmbeddedBytes,
                         int maxMetadataBytes, int maxNodes) {

    /** The defaults of the service's configuration. */
    public static ReadLimits defaults() {
        return new ReadLimits(64L << 20, 64, 2_000_000, 48L << 20, 512 << 10, 100_000);
    }
}
