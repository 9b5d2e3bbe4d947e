package org.vsekai.backpack.vision.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.embedding.EmbeddingRequest;
import org.vsekai.backpack.contracts.embedding.Embeddings;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.vision.embed.SentenceEmbedder;

import ai.onnxruntime.OrtException;
import io.smallrye.common.annotation.Blocking;

/** {@code POST /embeddings}: texts in, their sentence embeddings out (all-MiniLM-L6-v2, 384 dimensions, unit length). */
@Path("/embeddings")
public class EmbeddingResource {

    private final SentenceEmbedder embedder;

    public EmbeddingResource(SentenceEmbedder embedder) {
        this.embedder = embedder;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embed texts", description = "The body is {\"texts\": [...]}, at most embeddings.max-texts"
            + " of them; the answer one 384-dimension unit vector per text, in order.")
    public Embeddings embed(EmbeddingRequest request) {
        if (!embedder.available()) {
            throw new ProblemException(Problem.ofType("embeddings/disabled", 503, "No embedding model",
                    "Sentence embeddings are off here (backpack.vision.embeddings.enabled)"));
        }
        List<String> texts = request == null || request.texts() == null ? List.of() : request.texts();
        if (texts.isEmpty() || texts.stream().anyMatch(t -> t == null)) {
            throw new ProblemException(Problem.ofType("embeddings/no-texts", 400, "No texts",
                    "The body needs \"texts\": a list of at least one text, none null"));
        }
        if (texts.size() > embedder.maxTexts()) {
            throw new ProblemException(Problem.ofType("embeddings/too-many-texts", 413, "Too many texts",
                    "At most " + embedder.maxTexts() + " texts a request"));
        }
        try {
            return new Embeddings(SentenceEmbedder.MODEL, embedder.version(), SentenceEmbedder.DIMENSIONS,
                    Arrays.asList(embedder.embed(texts)));
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed: " + e.getMessage(), e);
        }
    }
}
