package org.vsekai.backpack.metadata.context;

import java.net.URI;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import com.apicatalog.jsonld.loader.SchemeRouter;

/**
 * Serves the bundled contexts and nothing else: a processor that fetched whatever a submitted document names would
 * let any client make this service send requests into our network (server-side request forgery), so an unknown
 * URL fails with {@link JsonLdErrorCode#LOADING_REMOTE_CONTEXT_FAILED} without any connection being attempted.
 */
public final class BundledContextLoader implements DocumentLoader {

    private final BundledContexts contexts;

    private BundledContextLoader(BundledContexts contexts) {
        this.contexts = contexts;
    }

    /** The loader for http and https URLs; any other scheme is refused by the router itself. */
    public static DocumentLoader of(BundledContexts contexts) {
        BundledContextLoader bundled = new BundledContextLoader(contexts);
        return new SchemeRouter().set("http", bundled).set("https", bundled);
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        return contexts.find(url).map(context -> {
            // A new document each time: Titanium may set its URL, and the parsed JSON underneath is immutable.
            JsonDocument document = JsonDocument.of(MediaType.JSON_LD, context);
            document.setDocumentUrl(url);
            return (Document) document;
        }).orElseThrow(() -> new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                "Context " + url + " is not bundled with this service and is never fetched; bundled contexts: "
                        + String.join(", ", BundledContexts.urls())));
    }
}
