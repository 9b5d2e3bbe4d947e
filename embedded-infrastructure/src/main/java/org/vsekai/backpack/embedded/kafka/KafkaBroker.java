package org.vsekai.backpack.embedded.kafka;

/** A Kafka cluster to talk to: the embedded one this JVM started, or an external one. */
public interface KafkaBroker extends AutoCloseable {

    /** Bootstrap list for clients, {@code host:port[,host:port...]}. */
    String bootstrapServers();

    /** Stops what this object started; an external broker is left running. */
    @Override
    void close();
}
