package org.vsekai.backpack.vision.stream;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.vision.config.VisionConfig;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * How far the service is behind on {@code camera-frames}: per assigned partition, the high watermark the Kafka
 * client last saw minus the next offset admitted to the frame queue. That counts both the records still in Kafka and
 * those SmallRye has fetched but not yet handed over. Read on the consumer's polling thread every
 * {@code lag-poll-interval} (the Kafka consumer is not thread-safe) and given to the {@link FrameQueue}.
 */
@ApplicationScoped
@Startup
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final KafkaClientService clients;
    private final FrameQueue queue;
    private final Map<TopicPartition, Long> nextAdmitted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "vision-consumer-lag");
        thread.setDaemon(true);
        return thread;
    });

    public ConsumerLag(KafkaClientService clients, FrameQueue queue, VisionConfig config) {
        this.clients = clients;
        this.queue = queue;
        long every = config.stream().lagPollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /** A record was admitted (or settled without being queued): the service has caught up to it. */
    public void admitted(Message<?> message) {
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(record -> nextAdmitted.merge(
                new TopicPartition(record.getTopic(), record.getPartition()), record.getOffset() + 1, Math::max));
    }

    private void poll() {
        try {
            clients.<String, Object>getConsumer(Topics.CAMERA_FRAMES_NAME)
                    .runOnPollingThread(this::behind)
                    .subscribe().with(queue::lag, failure -> LOG.debugf("Consumer lag not read: %s", failure));
        } catch (RuntimeException e) {
            LOG.debugf("Consumer lag not read yet: %s", e.getMessage()); // the channel is not up yet
        }
    }

    private long behind(Consumer<String, Object> consumer) {
        long behind = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty()) {
                continue; // nothing fetched from it yet
            }
            long position = consumer.position(partition);
            long highWatermark = position + lag.getAsLong();
            behind += Math.max(0, highWatermark - nextAdmitted.getOrDefault(partition, position));
        }
        return behind;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
