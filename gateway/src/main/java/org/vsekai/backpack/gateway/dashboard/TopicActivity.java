package org.vsekai.backpack.gateway.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.gateway.config.GatewayConfig;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The suite's Kafka as operators see it, read with the admin client every {@code kafka-sample-interval}: records per
 * topic (the sum of its partitions' end offsets), events per second between two readings, and each consumer group's
 * lag per topic (end offset minus committed offset, summed over partitions). The broker is the one place that knows
 * every group's position, so the gateway reads it there instead of each service reporting its own. Exposed as
 * {@code backpack.kafka.topic.records}, {@code backpack.kafka.topic.rate} and {@code backpack.kafka.consumer.lag}, and
 * to the dashboard as {@link #current()}.
 */
@ApplicationScoped
public class TopicActivity {

    private static final Logger LOG = Logger.getLogger(TopicActivity.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    /** One topic's figures at the last reading; lag by consumer group. */
    public record TopicFigures(String topic, long records, double perSecond, Map<String, Long> lagByGroup) {
    }

    private final String bootstrapServers;
    private final Duration interval;
    private final MeterRegistry registry;
    private final AtomicReference<List<TopicFigures>> current = new AtomicReference<>(List.of());
    private final Map<String, Long> records = new ConcurrentHashMap<>();
    private final Map<String, Double> rates = new ConcurrentHashMap<>();
    private final Map<String, Long> lags = new ConcurrentHashMap<>();
    private ScheduledExecutorService sampler;
    private Admin admin;
    private Map<String, Long> previousRecords = Map.of();
    private long previousAt;

    public TopicActivity(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         GatewayConfig config, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.interval = config.dashboard().kafkaSampleInterval();
        this.registry = registry;
        for (String topic : Topics.allNamesWithDeadLetters()) {
            records.put(topic, 0L);
            rates.put(topic, 0.0);
            FunctionCounter.builder("backpack.kafka.topic.records", records, r -> r.getOrDefault(topic, 0L))
                    .description("Records ever written to the topic (sum of its partitions' end offsets); its rate is "
                            + "events per second").tag("topic", topic).register(registry);
            Gauge.builder("backpack.kafka.topic.rate", rates, r -> r.getOrDefault(topic, 0.0))
                    .description("Records per second written to the topic between the last two readings")
                    .tag("topic", topic).register(registry);
        }
    }

    void start(@Observes StartupEvent started) {
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-topic-activity");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** The figures of every topic at the last reading, in topic order; empty before the first one. */
    public List<TopicFigures> current() {
        return current.get();
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (Exception e) {
            LOG.debugf("Reading Kafka's offsets failed; the figures stay as they were: %s", e.getMessage());
        }
    }

    /** One reading; runs on the sampler's thread only. */
    void sample() throws Exception {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "gateway-topic-activity",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis()));
        }
        List<String> topics = Topics.allNamesWithDeadLetters();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long now = System.nanoTime();

        Map<String, Long> recordsNow = new TreeMap<>();
        ends.forEach((partition, end) -> recordsNow.merge(partition.topic(), end.offset(), Long::sum));
        Map<String, Map<String, Long>> lagByTopic = lags(ends);

        double seconds = previousAt == 0 ? 0 : (now - previousAt) / 1e9;
        List<TopicFigures> figures = new ArrayList<>();
        for (String topic : topics) {
            long count = recordsNow.getOrDefault(topic, 0L);
            Long before = previousRecords.get(topic);
            double perSecond = before == null || seconds <= 0 ? 0 : Math.max(0, count - before) / seconds;
            records.put(topic, count);
            rates.put(topic, perSecond);
            figures.add(new TopicFigures(topic, count, perSecond, lagByTopic.getOrDefault(topic, Map.of())));
        }
        previousRecords = recordsNow;
        previousAt = now;
        current.set(List.copyOf(figures));
    }

    /** Each group's lag per topic, for the topics it has committed offsets in; registers a gauge for each new pair. */
    private Map<String, Map<String, Long>> lags(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends)
            throws Exception {
        Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Map<String, Long>> byTopic = new TreeMap<>();
        for (ConsumerGroupListing group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            committed.forEach((partition, offset) -> {
                var end = ends.get(partition);
                if (offset == null || end == null) {
                    return; // not one of the suite's topics, or nothing committed there
                }
                byTopic.computeIfAbsent(partition.topic(), t -> new TreeMap<>())
                        .merge(group.groupId(), Math.max(0, end.offset() - offset.offset()), Long::sum);
            });
        }
        byTopic.forEach((topic, groupsLag) -> groupsLag.forEach((group, lag) -> {
            String key = topic + "|" + group;
            if (lags.put(key, lag) == null) {
                Gauge.builder("backpack.kafka.consumer.lag", lags, l -> l.getOrDefault(key, 0L))
                        .description("Records of the topic the consumer group has not committed yet")
                        .tag("topic", topic).tag("group", group).register(registry);
            }
        }));
        return byTopic;
    }
}
