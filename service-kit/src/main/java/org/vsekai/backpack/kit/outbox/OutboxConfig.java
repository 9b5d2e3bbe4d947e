package org.vsekai.backpack.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay polls (docs/adr/0008); defaults only, in services without an outbox. */
@ConfigMapping(prefix = "backpack.outbox")
public interface OutboxConfig {

    /**
     * Whether this service relays an outbox at all; read at build time ({@link OutboxRelay#ENABLED}), declared here
     * so that the mapping knows the key.
     */
    @WithDefault("false")
    boolean enabled();

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
