package org.vsekai.backpack.recommender.model.algorithm;

/**
 * A fitted latent-factor model whose score for (user, item) is exactly the dot product of two float vectors of
 * {@link #factors()} entries, summed in index order: {@link #userVector} and the item's row of {@link #itemFactors}.
 * That is what lets a serving layout ({@code serving.FactorScan}) score outside the model and still return exactly the
 * model's {@link #recommend} lists. A model with an item bias folds it in as a last dimension (user component 1).
 */
public interface FactorModel extends Recommender {

    /** The length of a user vector and of an item row. */
    int factors();

    /** The item vectors (a copy), row-major: item i at [i·f, (i+1)·f) for f = {@link #factors()}. */
    float[] itemFactors();

    /** The user's vector (a copy). */
    float[] userVector(int user);
}
