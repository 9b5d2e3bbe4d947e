package org.vsekai.backpack.metadata.packet;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How hard the consumer tries to store an event before it gives the record to the dead-letter topic. */
@ConfigMapping(prefix = "backpack.metadata.store")
public interface PacketStoreConfig {

    /** Retries after the first attempt, for failures such as a lost connection or a CockroachDB retry error. */
    @WithDefault("5")
    int retries();

    /** First back-off; it doubles on each retry. */
    @WithDefault("200ms")
    Duration initialBackoff();
}
