package org.vsekai.backpack.ingest.gltf;

/** JSON pointers (RFC 6901) of places in a glTF document, as problems name them. */
final class JsonPointers {

    private JsonPointers() {
    }

    /** {@code base} with one more reference token: a property name or an array index. */
    static String child(String base, Object token) {
        String text = String.valueOf(token);
        return base + "/" + text.replace("~", "~0").replace("/", "~1");
    }

    static String of(Object... tokens) {
        String pointer = "";
        for (Object token : tokens) {
            pointer = child(pointer, token);
        }
        return pointer;
    }
}
