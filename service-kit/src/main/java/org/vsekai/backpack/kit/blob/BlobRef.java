package org.vsekai.backpack.kit.blob;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address of a stored blob: the SHA-256 of its bytes, written {@code blob:sha256:<64 hex digits>} in events
 * ({@code SceneUploaded.blobRef}, {@code CameraFrame.blobRef}). The same bytes always have the same address, which
 * is what makes a second upload of them free.
 */
public record BlobRef(String sha256) {

    public static final String PREFIX = "blob:sha256:";
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    public BlobRef {
        if (sha256 == null || !HEX_64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a blob's sha256 is 64 lower-case hex digits, not " + sha256);
        }
    }

    /** Reads {@code blob:sha256:<hex>}; an {@link IllegalArgumentException} for anything else. */
    public static BlobRef parse(String uri) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a blob reference (" + PREFIX + "<hex>): " + uri);
        }
        return new BlobRef(uri.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    }

    public String uri() {
        return PREFIX + sha256;
    }

    @Override
    public String toString() {
        return uri();
    }
}
