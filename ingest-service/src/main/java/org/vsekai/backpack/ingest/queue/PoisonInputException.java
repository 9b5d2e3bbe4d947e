package org.vsekai.backpack.ingest.queue;

/**
 * A job's input can never succeed (a file the reader refuses, a blob that is gone): the job is discarded at once,
 * without retries, and its handler's {@code discarded} step runs.
 */
public class PoisonInputException extends RuntimeException {

    public PoisonInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
