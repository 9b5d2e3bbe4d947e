package org.vsekai.backpack.ingest.gltf;

/**
 * A relative reference to a file outside the upload (an image next to a {@code .gltf}), listed and never fetched.
 *
 * @param pointer where the uri is, such as {@code /images/0/uri}
 */
public record ExternalUri(String pointer, String uri) {
}
