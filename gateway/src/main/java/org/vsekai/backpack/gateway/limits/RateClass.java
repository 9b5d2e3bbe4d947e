package org.vsekai.backpack.gateway.limits;

import java.util.Locale;

/** The classes of route that have their own token bucket, as named under {@code backpack.gateway.rate-limits}. */
public enum RateClass {
    /** Reading: recommendations, backpack, metadata, jobs. */
    READ,
    /** Writing or costly computing: interactions, metadata, JSON-LD processing, erasure. */
    WRITE,
    /** Uploading scenes. */
    UPLOAD,
    /** Running a vision model on an image: each call holds an inference worker of the vision-service. */
    INFERENCE,
    /** Generating text: each call holds a generation of the vision-service for up to its deadline. */
    GENERATION,
    /** Administration: training. */
    ADMIN,
    /** Any call without a token, per client IP, whatever its route. */
    ANONYMOUS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
