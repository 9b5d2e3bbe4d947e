package org.vsekai.backpack.embedded.kafka;

/** A broker someone else runs; closing it does nothing. */
public record ExternalKafka(String bootstrapServers) implements KafkaBroker {

    @Override
    public void close() {
        // not ours to stop
    }
}
