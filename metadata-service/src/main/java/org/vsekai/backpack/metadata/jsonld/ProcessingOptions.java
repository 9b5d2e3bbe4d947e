package org.vsekai.backpack.metadata.jsonld;

import java.net.URI;

import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.JsonLdVersion;
import com.apicatalog.jsonld.document.Document;

/**
 * The JSON-LD API options a caller may set (the rest, loader and timeout, belong to the processor). A null field
 * keeps Titanium's default.
 */
public record ProcessingOptions(URI base, JsonLdVersion processingMode, Document expandContext,
                                Boolean compactArrays, Boolean compactToRelative, Boolean ordered,
                                Boolean omitGraph) {

    public static ProcessingOptions defaults() {
        return new ProcessingOptions(null, null, null, null, null, null, null);
    }

    public ProcessingOptions withBase(URI value) {
        return new ProcessingOptions(value, processingMode, expandContext, compactArrays, compactToRelative,
                ordered, omitGraph);
    }

    public ProcessingOptions withProcessingMode(JsonLdVersion value) {
        return new ProcessingOptions(base, value, expandContext, compactArrays, compactToRelative, ordered,
                omitGraph);
    }

    public ProcessingOptions withExpandContext(Document value) {
        return new ProcessingOptions(base, processingMode, value, compactArrays, compactToRelative, ordered,
                omitGraph);
    }

    public ProcessingOptions withCompactArrays(Boolean value) {
        return new ProcessingOptions(base, processingMode, expandContext, value, compactToRelative, ordered,
                omitGraph);
    }

    public ProcessingOptions withCompactToRelative(Boolean value) {
        return new ProcessingOptions(base, processingMode, expandContext, compactArrays, value, ordered,
                omitGraph);
    }

    public ProcessingOptions withOrdered(Boolean value) {
        return new ProcessingOptions(base, processingMode, expandContext, compactArrays, compactToRelative, value,
                omitGraph);
    }

    public ProcessingOptions withOmitGraph(Boolean value) {
        return new ProcessingOptions(base, processingMode, expandContext, compactArrays, compactToRelative, ordered,
                value);
    }

    void applyTo(JsonLdOptions options) {
        if (base != null) {
            options.setBase(base);
        }
        if (processingMode != null) {
            options.setProcessingMode(processingMode);
        }
        if (expandContext != null) {
            options.setExpandContext(expandContext);
        }
        if (compactArrays != null) {
            options.setCompactArrays(compactArrays);
        }
        if (compactToRelative != null) {
            options.setCompactToRelative(compactToRelative);
        }
        if (ordered != null) {
            options.setOrdered(ordered);
        }
        if (omitGraph != null) {
            options.setOmitGraph(omitGraph);
        }
    }
}
