package org.vsekai.backpack.recommender.model.evaluation;

/** Metrics at k averaged over the evaluated users, and the share of the training catalogue recommended to anyone. */
public record Metrics(double precision, double recall, double ndcg, double map, double coverage, int users) {
}
