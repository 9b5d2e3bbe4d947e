package org.vsekai.backpack.contracts.http;

/**
 * The one rule for how many results a request may ask for ({@code ?limit=N}): a whole number from 1 to
 * {@value #MAX_LIMIT}. Ranked results (recommendations, similar items) default to {@value #DEFAULT_RANKED};
 * listings (items, upload jobs) to {@value #DEFAULT_LISTING}.
 */
public final class Paging {

    public static final String LIMIT_PARAMETER = "limit";
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_RANKED = 10;
    public static final int DEFAULT_LISTING = 50;

    private Paging() {
    }
}
