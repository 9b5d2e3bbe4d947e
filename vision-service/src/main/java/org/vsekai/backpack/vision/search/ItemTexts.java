package org.vsekai.backpack.vision.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.vsekai.backpack.contracts.metadata.ItemAttributes;

/** The text of an item that its embedding reads. */
public final class ItemTexts {

    private ItemTexts() {
    }

    /**
     * Name, description, then keywords (the OCR text folded in), categories and detected classes once each: the
     * sentences first, so that the model's 256 tokens go to what describes the item before the lists.
     */
    public static String of(ItemAttributes item) {
        List<String> parts = new ArrayList<>();
        addIfGiven(parts, item.name());
        addIfGiven(parts, item.description());
        Set<String> terms = new LinkedHashSet<>();
        addAll(terms, item.keywords());
        addAll(terms, item.categories());
        addAll(terms, item.detectedClasses());
        if (!terms.isEmpty()) {
            parts.add(String.join(", ", terms));
        }
        return String.join(". ", parts);
    }

    private static void addIfGiven(List<String> parts, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(value.strip());
        }
    }

    private static void addAll(Set<String> terms, List<String> values) {
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).forEach(terms::add);
        }
    }
}
