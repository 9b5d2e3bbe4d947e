package org.vsekai.backpack.recommender.model.algorithm;

/** How ItemCF turns two items' co-occurrence into a similarity. */
public enum ItemSimilarityMeasure {

    /** Weighted dot product over the product of the norms plus the shrinkage: dot / (|i|·|j| + shrink). */
    COSINE,

    /** Jaccard on who interacted (weights ignored): |i∩j| / (|i| + |j| − |i∩j| + shrink). */
    TANIMOTO;

    float similarity(float coOccurrence, float normI, float normJ, float shrink) {
        return switch (this) {
            case COSINE -> coOccurrence / (normI * normJ + shrink);
            case TANIMOTO -> coOccurrence / (normI + normJ - coOccurrence + shrink);
        };
    }
}
