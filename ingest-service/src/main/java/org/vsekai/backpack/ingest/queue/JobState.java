package org.vsekai.backpack.ingest.queue;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a unit of work stands (docs/adr/0015): {@code AVAILABLE} → {@code EXECUTING} → {@code COMPLETED}, or after
 * a failure {@code RETRYABLE} (due again after a back-off) → ... → {@code DISCARDED} once its attempts are spent or
 * its input is poison. Stored in lower case, as Oban writes them.
 */
public enum JobState {
    AVAILABLE, EXECUTING, RETRYABLE, COMPLETED, DISCARDED;

    /** As stored and shown: lower case. */
    @JsonValue
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobState ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
