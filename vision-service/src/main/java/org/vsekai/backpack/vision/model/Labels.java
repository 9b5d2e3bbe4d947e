package org.vsekai.backpack.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A model's class names by output index, and their IRIs. An empty name marks an index the model never means
 * (COCO's unused category ids); findings of it are dropped.
 */
public record Labels(List<String> names, String iriBase) {

    /** The sets shipped with the service: {@code coco-91} (index = COCO category id), {@code person}, {@code text}. */
    public static final List<String> BUILT_IN = List.of("coco-91", "person", "text");

    public Labels {
        names = List.copyOf(names);
    }

    /** Inline names win over a set; a set is built in or a file with one label a line. */
    public static Labels of(Optional<List<String>> inline, Optional<String> set, String defaultSet, String iriBase) {
        if (inline.isPresent()) {
            return new Labels(inline.get(), iriBase);
        }
        String name = set.orElse(defaultSet);
        try {
            if (BUILT_IN.contains(name)) {
                try (InputStream in = Labels.class.getResourceAsStream("labels/" + name + ".txt")) {
                    return new Labels(lines(new String(in.readAllBytes(), StandardCharsets.UTF_8)), iriBase);
                }
            }
            return new Labels(lines(Files.readString(Path.of(name))), iriBase);
        } catch (IOException e) {
            throw new ModelLoadException("label set " + name + " is neither built in (" + String.join(", ", BUILT_IN)
                    + ") nor a readable file: " + e.getMessage(), e);
        }
    }

    /**
     * Labels taken as they are, not stripped: a recogniser's dictionary has entries that are white space themselves
     * (PaddleOCR's has the ideographic space U+3000). Lines end at {@code \n}, a trailing {@code \r} is dropped.
     */
    public static Labels verbatim(Optional<List<String>> inline, Optional<String> file, String iriBase) {
        if (inline.isPresent()) {
            return new Labels(inline.get(), iriBase);
        }
        String name = file.orElseThrow();
        try {
            String text = Files.readString(Path.of(name));
            List<String> names = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
            if (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
                names.remove(names.size() - 1); // the newline after the last entry
            }
            names.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            return new Labels(names, iriBase);
        } catch (IOException e) {
            throw new ModelLoadException("label file " + name + " is not readable: " + e.getMessage(), e);
        }
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).toList();
    }

    public int size() {
        return names.size();
    }

    /** The name of an index, empty when the model has no class there. */
    public String name(int index) {
        return index >= 0 && index < names.size() ? names.get(index) : "";
    }

    /** {@code https://backpack.v-sekai.org/ns/classes/dining-table} for "dining table". */
    public String iri(int index) {
        String name = name(index);
        return name.isEmpty() ? null
                : iriBase + name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
    }
}
