package org.vsekai.backpack.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.TreeMap;

import org.vsekai.backpack.contracts.Topic;
import org.vsekai.backpack.contracts.Topics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes {@code deploy/generated}: the five services' manifests as quarkus-kubernetes wrote them at package time
 * ({@code <service>/target/kubernetes/kubernetes.yml}), one Strimzi {@code KafkaTopic} per topic of {@link Topics} and
 * per dead-letter topic, and the kustomization that lists them. Everything else in {@code deploy/} is written by hand,
 * once (docs/adr/0018). The output depends on its inputs only, so a fresh generation can be compared with the
 * committed files.
 */
public final class DeployGenerator {

    /** The services, in the suite's order; each module's Kubernetes name is its module name. */
    public static final List<String> SERVICES =
            List.of("gateway", "ingest-service", "metadata-service", "vision-service", "recommender-service");

    /** The Strimzi {@code Kafka} resource the topics belong to (deploy/base/kafka.yml). */
    public static final String KAFKA_CLUSTER = "backpack";

    public static final String TOPICS_FILE = "kafka-topics.yml";

    /** Block style, strings quoted only where YAML would read them as something else (a number, a boolean). */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private DeployGenerator() {
    }

    /** Usage: {@code DeployGenerator <repository root> <output directory, normally deploy/generated>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DeployGenerator <repository root> <output directory>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, String> files = generate(root);
        Files.createDirectories(out);
        try (var existing = Files.list(out)) {
            for (Path file : existing.toList()) {
                if (!files.containsKey(file.getFileName().toString())) {
                    Files.delete(file); // a file no longer generated must not linger in the kustomization's folder
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("deploy: wrote " + files.size() + " files to " + out);
    }

    /** File name to content of everything in {@code deploy/generated}, in a fixed order. */
    public static Map<String, String> generate(Path repositoryRoot) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String service : SERVICES) {
            files.put(service + ".yml", serviceManifest(repositoryRoot, service));
        }
        files.put(TOPICS_FILE, kafkaTopics());
        files.put("kustomization.yaml", kustomization(new ArrayList<>(files.keySet())));
        return files;
    }

    /** Where quarkus-kubernetes writes a service's manifests when the module is packaged. */
    public static Path quarkusOutput(Path repositoryRoot, String service) {
        return repositoryRoot.resolve(service).resolve("target/kubernetes/kubernetes.yml");
    }

    static String serviceManifest(Path repositoryRoot, String service) {
        Path source = quarkusOutput(repositoryRoot, service);
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException(source + " is missing: package the service first (deploy/generate does, "
                    + "or ./mvnw -DskipTests package -pl " + service + " -am)");
        }
        try {
            StringBuilder out = new StringBuilder(header("quarkus-kubernetes, from the quarkus.kubernetes.* block of "
                    + service + "/src/main/resources/application.properties"));
            try (MappingIterator<JsonNode> documents = YAML.readValues(YAML.createParser(source.toFile()),
                    JsonNode.class)) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && !document.isEmpty()) {
                        out.append("---\n").append(YAML.writeValueAsString(sorted(document)));
                    }
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same document with every object's keys in alphabetical order: quarkus-kubernetes writes some maps (a
     * Deployment's labels) in an order that changes from one build to the next. Lists keep their order (it means
     * something: env variables refer to earlier ones).
     */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = YAML.createObjectNode();
            new TreeMap<String, JsonNode>(YAML.convertValue(node, new TypeReference<Map<String, JsonNode>>() { }))
                    .forEach((key, value) -> copy.set(key, sorted(value)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = YAML.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /**
     * One KafkaTopic per event topic (its partitions, compaction) and per dead-letter topic (one partition, as
     * TopicProvisioner makes them). Replicas and min.insync.replicas are the overlays' (dev 1 and 1, prod 3 and 2).
     */
    static String kafkaTopics() {
        StringBuilder yaml = new StringBuilder(header("DeployGenerator, from contracts' Topics.java"));
        for (Topic<?> topic : Topics.all()) {
            yaml.append(kafkaTopic(topic.name(), topic.partitions(), topic.compacted() ? "compact" : "delete",
                    topic.retention()));
            yaml.append(kafkaTopic(topic.deadLetterTopic(), 1, "delete", null));
        }
        return yaml.toString();
    }

    private static String kafkaTopic(String name, int partitions, String cleanupPolicy,
                                     Duration retention) {
        return "---\n"
                + "apiVersion: kafka.strimzi.io/v1\n"
                + "kind: KafkaTopic\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "  labels:\n"
                + "    strimzi.io/cluster: " + KAFKA_CLUSTER + "\n"
                + "    app.kubernetes.io/part-of: backpack\n"
                + "spec:\n"
                + "  topicName: " + name + "\n"
                + "  partitions: " + partitions + "\n"
                + "  config:\n"
                + "    cleanup.policy: " + cleanupPolicy + "\n"
                + (retention == null ? "" : "    retention.ms: " + retention.toMillis() + "\n");
    }

    private static String kustomization(List<String> resources) {
        StringBuilder yaml = new StringBuilder(header("DeployGenerator"));
        yaml.append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        resources.forEach(file -> yaml.append("  - ").append(file).append('\n'));
        return yaml.toString();
    }

    private static String header(String source) {
        return "# Generated by deploy/generate (" + source + "). Do not edit: change the source and run deploy/generate.\n";
    }
}
