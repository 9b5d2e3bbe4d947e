package org.vsekai.backpack.ingest.gltf;

import java.util.Locale;

/**
 * A {@code data:} URI (RFC 2397) as glTF embeds buffers and images: its media type and the number of bytes it
 * decodes to, counted by scanning its text, so that a large embedded buffer costs no memory beyond its string.
 *
 * @param mediaType     lower case, without parameters; {@code text/plain} when the URI names none
 * @param decodedLength the bytes the data decodes to
 */
record DataUri(String mediaType, long decodedLength) {

    static boolean isDataUri(String uri) {
        return uri.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The URI's media type and decoded length; an {@link IllegalArgumentException} naming what is malformed. */
    static DataUri parse(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("a data: URI needs a ',' before its data");
        }
        String header = uri.substring(5, comma);
        boolean base64 = false;
        if (header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            base64 = true;
            header = header.substring(0, header.length() - ";base64".length());
        }
        int parameters = header.indexOf(';');
        String mediaType = (parameters < 0 ? header : header.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        if (mediaType.isEmpty()) {
            mediaType = "text/plain";
        } else if (!mediaType.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
            throw new IllegalArgumentException("'" + mediaType + "' is not a media type");
        }
        return new DataUri(mediaType, base64 ? base64Length(uri, comma + 1) : percentLength(uri, comma + 1));
    }

    private static long base64Length(String uri, int start) {
        int length = uri.length() - start;
        if (length % 4 != 0) {
            throw new IllegalArgumentException("base64 data of " + length + " characters is not a multiple of 4");
        }
        int padding = 0;
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (c == '=' && i >= uri.length() - 2) {
                padding++;
            } else if (!alphabet || padding > 0) {
                throw new IllegalArgumentException("character " + (i - start) + " of the base64 data is not base64");
            }
        }
        return (long) length / 4 * 3 - padding;
    }

    private static long percentLength(String uri, int start) {
        long bytes = 0;
        for (int i = start; i < uri.length(); i++) {
            if (uri.charAt(i) == '%') {
                if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                        || Character.digit(uri.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("a '%' at character " + (i - start) + " is not %XX");
                }
                i += 2;
            }
            bytes++;
        }
        return bytes;
    }
}
