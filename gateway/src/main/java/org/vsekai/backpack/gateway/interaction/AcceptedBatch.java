package org.vsekai.backpack.gateway.interaction;

import java.util.List;

/** The answer to an accepted batch: one entry per activity, in the order they were sent. */
public record AcceptedBatch(List<AcceptedActivity> accepted) {
}
