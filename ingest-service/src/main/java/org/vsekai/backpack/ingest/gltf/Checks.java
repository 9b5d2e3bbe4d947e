package org.vsekai.backpack.ingest.gltf;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vsekai.backpack.ingest.format.InvalidFileException;

import de.javagl.jgltf.impl.v2.GlTFProperty;

/** The checks every part of {@link GltfValidator} makes, each failing with the validator's issue code. */
final class Checks {

    private final Set<String> extensionsUsed;

    Checks(List<String> extensionsUsed) {
        this.extensionsUsed = extensionsUsed == null ? Set.of() : Set.copyOf(extensionsUsed);
    }

    static InvalidFileException refuse(String code, String pointer, String message) {
        return new InvalidFileException(code, pointer, message);
    }

    /** {@code value}, or UNDEFINED_PROPERTY on the object at {@code pointer} when it is missing. */
    static <T> T required(T value, String pointer, String property) {
        if (value == null) {
            throw refuse("UNDEFINED_PROPERTY", pointer, "property '" + property + "' must be defined");
        }
        return value;
    }

    /** UNRESOLVED_REFERENCE unless {@code index} (when given) names an element of {@code target}. */
    static void index(Integer index, List<?> target, String pointer, String what) {
        if (index != null && (index < 0 || target == null || index >= target.size())) {
            throw refuse("UNRESOLVED_REFERENCE", pointer, "no " + what + " has index " + index
                    + " (there are " + (target == null ? 0 : target.size()) + ")");
        }
    }

    /** Every index of the list in range and none twice (DUPLICATE_ELEMENTS). */
    static void indices(List<Integer> indices, List<?> target, String pointer, String what) {
        if (indices == null) {
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < indices.size(); i++) {
            index(indices.get(i), target, JsonPointers.child(pointer, i), what);
            if (!seen.add(indices.get(i))) {
                throw refuse("DUPLICATE_ELEMENTS", JsonPointers.child(pointer, i), what + " " + indices.get(i)
                        + " is listed twice");
            }
        }
    }

    static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** UNDECLARED_EXTENSION for an extension object whose name {@code extensionsUsed} does not list. */
    void extensions(GlTFProperty property, String pointer) {
        if (property == null) {
            return;
        }
        Map<String, Object> extensions = property.getExtensions();
        if (extensions == null) {
            return;
        }
        for (String name : extensions.keySet()) {
            if (!extensionsUsed.contains(name)) {
                throw refuse("UNDECLARED_EXTENSION", JsonPointers.child(JsonPointers.child(pointer, "extensions"),
                        name), "extension '" + name + "' is not declared in extensionsUsed");
            }
        }
    }
}
