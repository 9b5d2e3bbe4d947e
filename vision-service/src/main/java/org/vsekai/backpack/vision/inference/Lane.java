package org.vsekai.backpack.vision.inference;

/**
 * Where work comes from, in the order workers take it: interactive requests, then stream work, then long work (a
 * generation's steps), which a worker takes only when it can take no interactive or stream task (one waiting for
 * its model's budget cannot use the worker either), and on at most {@code runtime.long-workers} workers at once.
 */
public enum Lane {
    INTERACTIVE, STREAM, LONG
}
