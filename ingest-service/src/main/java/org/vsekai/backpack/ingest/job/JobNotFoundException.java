package org.vsekai.backpack.ingest.job;

import java.util.UUID;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

/** No upload job has that id; over HTTP a 404 problem. */
public class JobNotFoundException extends ProblemException {

    public JobNotFoundException(UUID jobId) {
        super(Problem.ofType("job-not-found", 404, "Upload job not found", "No upload job has id " + jobId));
    }
}
