package org.vsekai.backpack.ingest.job;

import java.util.UUID;

/** A job was asked to move to a state it cannot reach from where it is. */
public class JobStateConflictException extends RuntimeException {

    public JobStateConflictException(UUID jobId, JobState from, JobState to) {
        super("upload job " + jobId + " is " + from + " and cannot become " + to);
    }
}
