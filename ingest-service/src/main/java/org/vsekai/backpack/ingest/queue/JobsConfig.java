package org.vsekai.backpack.ingest.queue;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The job queue and its workers (docs/adr/0015). */
@ConfigMapping(prefix = "backpack.ingest.jobs")
public interface JobsConfig {

    /** Whether this instance runs workers; off, it still queues jobs for other instances. */
    @WithDefault("true")
    boolean workers();

    /** How often an idle worker looks for due jobs. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Jobs this instance runs at once. */
    @WithDefault("4")
    int concurrency();

    @WithDefault("5")
    int maxAttempts();

    /** First retry delay; it doubles with each attempt, with jitter, up to {@link #maxBackoff()}. */
    @WithDefault("2s")
    Duration backoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** An executing job older than this is taken to have lost its worker and is run again. */
    @WithDefault("5m")
    Duration rescueAfter();

    /** Completed and discarded jobs are deleted after this. */
    @WithDefault("7d")
    Duration pruneAfter();
}
