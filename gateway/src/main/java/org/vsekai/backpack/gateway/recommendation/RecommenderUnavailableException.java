package org.vsekai.backpack.gateway.recommendation;

/** The recommender could not answer now (5xx); worth a retry. */
public class RecommenderUnavailableException extends RuntimeException {

    public RecommenderUnavailableException(String message) {
        super(message);
    }
}
