package org.vsekai.backpack.launcher.suite;

import java.time.Duration;

/** How waiting for a service to become ready ended. */
public sealed interface Readiness {

    /** The readiness endpoint answered 200 after {@code waited}. */
    record Ready(Duration waited) implements Readiness {
    }

    /** The process exited before it was ready. */
    record Died(Duration waited) implements Readiness {
    }

    /** Still not ready when time ran out; {@code lastAnswer} is the last status or connection error seen. */
    record TimedOut(Duration waited, String lastAnswer) implements Readiness {
    }
}
