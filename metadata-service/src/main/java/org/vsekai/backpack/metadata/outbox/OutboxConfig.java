package org.vsekai.backpack.metadata.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay polls (docs/adr/0008). */
@ConfigMapping(prefix = "backpack.outbox")
public interface OutboxConfig {

    /** How often the relay looks for rows; a commit also wakes it at once, so this bounds only crash recovery. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows claimed per run. */
    @WithDefault("100")
    int batchSize();

    /** How long a claim holds; a relay that dies mid-run leaves its rows to another after this. */
    @WithDefault("60s")
    Duration lease();
}
