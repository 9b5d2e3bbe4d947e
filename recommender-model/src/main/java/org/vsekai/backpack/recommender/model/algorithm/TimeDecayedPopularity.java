package org.vsekai.backpack.recommender.model.algorithm;

import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Items ranked by the sum of their interaction weights, each halved for every {@code halfLife} it lies before the
 * latest interaction in the matrix; the same list for everyone (the cold-start fallback).
 */
public final class TimeDecayedPopularity implements Recommender {

    private final Duration halfLife;
    private float[] scores = new float[0];

    /** A null or zero half-life means no decay: plain popularity. */
    public TimeDecayedPopularity(Duration halfLife) {
        if (halfLife != null && halfLife.isNegative()) {
            throw new IllegalArgumentException("half-life must not be negative");
        }
        this.halfLife = halfLife == null || halfLife.isZero() ? null : halfLife;
    }

    @Override
    public void fit(InteractionMatrix interactions) {
        float[] fitted = new float[interactions.itemCount()];
        long now = interactions.latestTime();
        double halfLifeSeconds = halfLife == null ? Double.POSITIVE_INFINITY : halfLife.toSeconds();
        for (int item = 0; item < fitted.length; item++) {
            double score = 0;
            for (int p = interactions.columnStart(item); p < interactions.columnEnd(item); p++) {
                double age = Math.max(0, now - interactions.columnTimeAt(p));
                score += interactions.columnWeightAt(p) * Math.pow(0.5, age / halfLifeSeconds);
            }
            fitted[item] = (float) score;
        }
        scores = fitted;
    }

    /** The item's decayed popularity after {@link #fit}. */
    public float score(int item) {
        return scores[item];
    }

    @Override
    public List<ScoredIndex> recommend(int user, int k, IntPredicate excluded) {
        TopK top = new TopK(k);
        for (int item = 0; item < scores.length; item++) {
            if (scores[item] > 0 && !excluded.test(item)) {
                top.offer(item, scores[item]);
            }
        }
        return top.result();
    }
}
