package org.vsekai.backpack.vision.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.embedding.ItemSearchResult;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;
import org.vsekai.backpack.vision.search.ItemSearch;
import org.vsekai.backpack.vision.search.SearchConfig;

import ai.onnxruntime.OrtException;
import io.smallrye.common.annotation.Blocking;

/** Items by the meaning of a text: the query embedded, the items' embeddings compared by cosine similarity. */
@Path("/items/search")
public class ItemSearchResource {

    private final ItemSearch search;
    private final SearchConfig config;

    public ItemSearchResource(ItemSearch search, SearchConfig config) {
        this.search = search;
        this.config = config;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search items by text", description = "?q= a text (at most search.max-query-length "
            + "characters), ?kind= optional, ?limit= 1 to 100 (10): the items whose name, description, keywords "
            + "(with OCR text), categories and detected classes are nearest in meaning, best first, with their cosine.")
    public ItemSearchResult search(@QueryParam("q") String query, @QueryParam("kind") String kind,
                                   @QueryParam(Paging.LIMIT_PARAMETER) String limit) {
        if (query == null || query.isBlank()) {
            throw new ProblemException(Problem.ofType("search/no-query", 400, "No query",
                    "?q= needs a text to search for"));
        }
        if (query.length() > config.maxQueryLength()) {
            throw new ProblemException(Problem.ofType("search/query-too-long", 400, "Query too long",
                    "?q= may have at most " + config.maxQueryLength() + " characters"));
        }
        if (kind != null) {
            RequestChecks.id("kind", kind);
        }
        int top = RequestChecks.limit(limit, Paging.DEFAULT_RANKED);
        if (!search.available()) {
            throw new ProblemException(Problem.ofType("embeddings/disabled", 503, "No embedding model",
                    "Sentence embeddings are off here (backpack.vision.embeddings.enabled)"));
        }
        try {
            return search.search(query.strip(), kind, top);
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed: " + e.getMessage(), e);
        }
    }
}
