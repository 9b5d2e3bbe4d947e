package org.vsekai.backpack.ingest.queue;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job to queue.
 *
 * @param unique whether a job of this kind and subject may be queued only once (then a second enqueue is a no-op)
 * @param maxAttempts attempts before it is discarded; 0 for the queue's default
 */
public record NewJob(String kind, String subject, boolean unique, String ownerId, JsonNode args, int maxAttempts) {

    public NewJob {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(args, "args");
    }

    /** A job of {@code kind} about {@code subject}, queued at most once. */
    public static NewJob once(String kind, String subject, String ownerId, JsonNode args) {
        return new NewJob(kind, subject, true, ownerId, args, 0);
    }

    String uniqueKey() {
        return unique ? kind + ":" + subject : null;
    }
}
