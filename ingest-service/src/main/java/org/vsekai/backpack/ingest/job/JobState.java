package org.vsekai.backpack.ingest.job;

/** Where an upload stands. A job only moves forward; FAILED and EXTRACTED are final. */
public enum JobState {
    RECEIVED, STORED, EXTRACTED, FAILED;

    public boolean canMoveTo(JobState next) {
        return switch (this) {
            case RECEIVED -> next == STORED || next == FAILED;
            case STORED -> next == EXTRACTED || next == FAILED;
            case EXTRACTED, FAILED -> false;
        };
    }
}
