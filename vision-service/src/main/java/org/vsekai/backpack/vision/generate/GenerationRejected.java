package org.vsekai.backpack.vision.generate;

import org.vsekai.backpack.vision.inference.TaskRejected;

/**
 * A generation request the service does not start (problem types under {@code generation/}): the resource turns it
 * into problem+json before any event is sent.
 */
public class GenerationRejected extends TaskRejected {

    GenerationRejected(int status, String type, String title, String detail) {
        super("generation", status, type, title, detail);
    }
}
