package org.vsekai.backpack.ingest.job;

import java.util.UUID;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

/** A job was asked to move to a state it cannot reach from where it is; over HTTP a 409 problem. */
public class JobStateConflictException extends ProblemException {

    public JobStateConflictException(UUID jobId, JobState from, JobState to) {
        super(Problem.ofType("job-state-conflict", 409, "Upload job state conflict",
                "Upload job " + jobId + " is " + from + " and cannot become " + to));
    }
}
