package org.vsekai.backpack.ingest.job;

import java.util.UUID;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

/** A job asked for by someone who neither owns it nor is an admin; over HTTP a 403 problem. */
public class NotTheJobOwnerException extends ProblemException {

    public NotTheJobOwnerException(UUID jobId) {
        super(Problem.ofType("not-job-owner", 403, "Not the owner of this upload job",
                "Upload job " + jobId + " belongs to another user; only its owner or an admin may use it"));
    }
}
