package org.vsekai.backpack.ingest.gltf;

import static org.vsekai.backpack.ingest.gltf.Checks.refuse;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.ingest.format.FileLimitException;

/**
 * What this service does with a glTF {@code uri}; it never opens one. A {@code data:} URI is checked and counted
 * against {@code max-embedded-bytes} without being decoded. A buffer with any other uri is refused: an upload must
 * be self-contained, or the accessors' bounds cannot be checked. An image with a relative uri inside the asset's
 * folder is listed and ignored; an absolute one ({@code http:}, {@code file:}, ...) or one that climbs out with
 * {@code ..} or starts at {@code /} is refused, so that no reader of the stored scene is led to fetch it either.
 */
final class UriPolicy {

    private static final List<String> BUFFER_TYPES = List.of("application/octet-stream", "application/gltf-buffer");

    private final long maxEmbeddedBytes;
    private final List<ExternalUri> ignored = new ArrayList<>();
    private long embeddedBytes;

    UriPolicy(long maxEmbeddedBytes) {
        this.maxEmbeddedBytes = maxEmbeddedBytes;
    }

    void buffer(String uri, long byteLength, String pointer) {
        if (!DataUri.isDataUri(uri)) {
            relative(uri, pointer);
            throw refuse("EXTERNAL_BUFFER_REFUSED", pointer, "the buffer's bytes are in '" + abbreviate(uri)
                    + "', outside the upload; upload a GLB, or a .gltf with data: buffers");
        }
        DataUri data = embedded(uri, pointer);
        if (!BUFFER_TYPES.contains(data.mediaType())) {
            throw refuse("BUFFER_DATA_URI_MIME_TYPE_INVALID", pointer, "a buffer's data: URI must be "
                    + String.join(" or ", BUFFER_TYPES) + ", not " + data.mediaType());
        }
        if (data.decodedLength() != byteLength) {
            throw refuse("BUFFER_EMBEDDED_BYTELENGTH_MISMATCH", pointer, "the data is " + data.decodedLength()
                    + " bytes long, the buffer's byteLength is " + byteLength);
        }
    }

    void image(String uri, String pointer) {
        if (DataUri.isDataUri(uri)) {
            embedded(uri, pointer);
        } else {
            relative(uri, pointer);
            ignored.add(new ExternalUri(pointer, uri));
        }
    }

    List<ExternalUri> ignored() {
        return List.copyOf(ignored);
    }

    private DataUri embedded(String uri, String pointer) {
        DataUri data;
        try {
            data = DataUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw refuse("INVALID_URI", pointer, e.getMessage());
        }
        embeddedBytes += data.decodedLength();
        if (embeddedBytes > maxEmbeddedBytes) {
            throw FileLimitException.beyond("max-embedded-bytes", pointer, "data: URIs decode to more than "
                    + maxEmbeddedBytes + " bytes in all");
        }
        return data;
    }

    private static void relative(String uri, String pointer) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw refuse("INVALID_URI", pointer, "'" + abbreviate(uri) + "' is not a URI: " + e.getReason());
        }
        String path = URLDecoder.decode(parsed.getRawPath() == null ? "" : parsed.getRawPath().replace("+", "%2B"),
                StandardCharsets.UTF_8);
        if (parsed.isAbsolute() || parsed.getRawAuthority() != null) {
            throw refuse("EXTERNAL_URI_REFUSED", pointer, "'" + abbreviate(uri) + "' is absolute; only files "
                    + "inside the upload may be referenced, and none is ever fetched");
        }
        if (path.startsWith("/") || path.startsWith("\\") || ("/" + path.replace('\\', '/') + "/").contains("/../")) {
            throw refuse("EXTERNAL_URI_REFUSED", pointer, "'" + abbreviate(uri) + "' leaves the asset's folder");
        }
    }

    private static String abbreviate(String uri) {
        return uri.length() <= 120 ? uri : uri.substring(0, 117) + "...";
    }
}
