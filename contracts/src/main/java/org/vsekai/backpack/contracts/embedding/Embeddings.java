package org.vsekai.backpack.contracts.embedding;

import java.util.List;

/**
 * What {@code POST /embeddings} answers: one unit vector per text, in the request's order; cosine similarity of two
 * is their dot product.
 *
 * @param modelVersion the first 12 hex digits of the model file's SHA-256
 */
public record Embeddings(String model, String modelVersion, int dimensions, List<float[]> vectors) {
}
