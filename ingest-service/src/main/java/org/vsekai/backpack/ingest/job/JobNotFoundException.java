package org.vsekai.backpack.ingest.job;

import java.util.UUID;

/** No upload job has that id. */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(UUID jobId) {
        super("no upload job " + jobId);
    }
}
