package org.vsekai.backpack.contracts.interaction;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The ActivityStreams 2.0 activity types Backpack understands as interactions. */
public enum ActivityType {
    VIEW("View"),
    LIKE("Like"),
    ADD("Add"),
    REMOVE("Remove"),
    VISIT("Visit");

    private final String activityStreamsName;

    ActivityType(String activityStreamsName) {
        this.activityStreamsName = activityStreamsName;
    }

    /** The term as written in ActivityStreams JSON ({@code "View"}, not {@code "VIEW"}). */
    @JsonValue
    public String activityStreamsName() {
        return activityStreamsName;
    }

    public static Optional<ActivityType> fromActivityStreamsName(String name) {
        return Arrays.stream(values()).filter(t -> t.activityStreamsName.equals(name)).findFirst();
    }
}
