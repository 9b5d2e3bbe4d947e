package org.vsekai.backpack.metadata.jsonld;

import java.net.URI;

import com.apicatalog.jsonld.document.Document;

/**
 * The context a document is compacted, flattened or framed to: given inline, or named by URL (then it is loaded
 * through the processor's loader, and the result refers to it by that URL instead of copying it in).
 */
public sealed interface ContextInput {

    record Inline(Document document) implements ContextInput {
    }

    record Named(URI url) implements ContextInput {
    }

    static ContextInput inline(Document document) {
        return new Inline(document);
    }

    static ContextInput named(URI url) {
        return new Named(url);
    }
}
