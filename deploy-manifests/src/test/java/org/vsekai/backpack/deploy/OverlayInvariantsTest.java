package org.vsekai.backpack.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.backpack.contracts.Topic;
import org.vsekai.backpack.contracts.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * The rendered dev and prod overlays (kubectl kustomize, every object read into its typed model by
 * {@link RenderedOverlay}) hold what a deployment of the suite needs, wired together.
 */
class OverlayInvariantsTest {

    private static final Map<String, RenderedOverlay> RENDERED = new HashMap<>();

    /** Secrets each overlay expects to exist already (made by hand or by the operator, never in git). */
    private static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
            "dev", Set.of("gateway-jwt"),
            "prod", Set.of("gateway-jwt", "ingest-database", "metadata-database", "recommender-database",
                    "cockroachdb-node", "cockroachdb-root", "cockroachdb-ca"));

    private static final Map<String, String> DATABASES = Map.of(
            "ingest-service", "backpack_ingest",
            "metadata-service", "backpack_metadata",
            "recommender-service", "backpack_recommender");

    private static RenderedOverlay rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, RenderedOverlay::render);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceIsDeployed(String overlay) {
        RenderedOverlay r = rendered(overlay);
        assertThat(r.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(DeployGenerator.SERVICES);
        for (String service : DeployGenerator.SERVICES) {
            Deployment deployment = r.one(Deployment.class, service);
            Service svc = r.one(Service.class, service);
            assertThat(selects(svc.getSpec().getSelector(), deployment.getSpec().getTemplate()))
                    .as(overlay + ": Service " + service + " selects its pods").isTrue();
            assertThat(deployment.getMetadata().getNamespace()).isEqualTo(overlay.equals("prod") ? "backpack"
                    : "backpack-dev");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesAndLimits(String overlay) {
        RenderedOverlay r = rendered(overlay);
        Map<String, PodSpec> pods = new TreeMap<>();
        r.all(Deployment.class).forEach(d -> pods.put("Deployment " + d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec()));
        r.all(StatefulSet.class).forEach(s -> pods.put("StatefulSet " + s.getMetadata().getName(),
                s.getSpec().getTemplate().getSpec()));
        assertThat(pods).hasSize(DeployGenerator.SERVICES.size() + 1);
        pods.forEach((name, pod) -> {
            assertThat(pod.getContainers()).as(name).isNotEmpty();
            for (Container c : pod.getContainers()) {
                String what = overlay + ": " + name + " container " + c.getName();
                assertThat(c.getLivenessProbe()).as(what + " liveness probe").isNotNull();
                assertThat(c.getReadinessProbe()).as(what + " readiness probe").isNotNull();
                assertThat(c.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
                assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
            }
        });
        for (Job job : r.all(Job.class)) {
            for (Container c : job.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(c.getResources().getLimits()).as(overlay + ": Job " + job.getMetadata().getName())
                        .containsKeys("cpu", "memory");
            }
        }
    }

    /** The services' probes are SmallRye Health's, on the port the service listens on. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void serviceProbesAreSmallRyeHealthAndPodsAreScraped(String overlay) {
        RenderedOverlay r = rendered(overlay);
        for (String service : DeployGenerator.SERVICES) {
            PodTemplateSpec template = r.one(Deployment.class, service).getSpec().getTemplate();
            Container c = template.getSpec().getContainers().get(0);
            int port = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow()
                    .getContainerPort();
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(port);
            assertThat(template.getMetadata().getAnnotations()).as(overlay + ": " + service + " pod annotations")
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", String.valueOf(port));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicAndDeadLetterTopicHasAKafkaTopic(String overlay) {
        RenderedOverlay r = rendered(overlay);
        Map<String, KafkaTopic> byTopic = r.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));
        assertThat(byTopic.keySet()).containsExactlyInAnyOrderElementsOf(Topics.allNamesWithDeadLetters());
        int replicas = overlay.equals("prod") ? 3 : 1;
        int minIsr = overlay.equals("prod") ? 2 : 1;
        for (Topic<?> topic : Topics.all()) {
            KafkaTopic main = byTopic.get(topic.name());
            assertThat(main.getSpec().getPartitions()).as(topic.name()).isEqualTo(topic.partitions());
            assertThat(main.getSpec().getConfig()).containsEntry("cleanup.policy",
                    topic.compacted() ? "compact" : "delete");
            assertThat(String.valueOf(main.getSpec().getConfig().get("retention.ms"))).as(topic.name())
                    .isEqualTo(topic.retention() == null ? "null" : Long.toString(topic.retention().toMillis()));
            assertThat(byTopic.get(topic.deadLetterTopic()).getSpec().getPartitions()).isEqualTo(1);
        }
        for (KafkaTopic topic : byTopic.values()) {
            String name = overlay + ": " + topic.getSpec().getTopicName();
            assertThat(topic.getMetadata().getLabels()).as(name).containsEntry("strimzi.io/cluster", "backpack");
            assertThat(topic.getSpec().getReplicas()).as(name + " replicas").isEqualTo(replicas);
            assertThat(topic.getSpec().getConfig()).as(name).containsEntry("min.insync.replicas", minIsr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaIsKraftWithEnoughNodesForItsReplication(String overlay) {
        RenderedOverlay r = rendered(overlay);
        Kafka kafka = r.one(Kafka.class, DeployGenerator.KAFKA_CLUSTER);
        List<KafkaNodePool> pools = r.all(KafkaNodePool.class);
        assertThat(pools).isNotEmpty().allSatisfy(pool ->
                assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "backpack"));
        int brokers = pools.stream().filter(p -> p.getSpec().getRoles().toString().contains("BROKER"))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        int controllers = pools.stream().filter(p -> p.getSpec().getRoles().toString().contains("CONTROLLER"))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        int replication = ((Number) config.get("default.replication.factor")).intValue();
        assertThat(controllers).as("KRaft controllers").isGreaterThanOrEqualTo(1).isOdd();
        assertThat(brokers).isGreaterThanOrEqualTo(replication);
        assertThat(config).containsEntry("auto.create.topics.enable", false);
        if (overlay.equals("prod")) {
            assertThat(brokers).isGreaterThanOrEqualTo(3);
            assertThat(config).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2)
                    .containsEntry("offsets.topic.replication.factor", 3)
                    .containsEntry("transaction.state.log.min.isr", 2);
        }
        assertThat(r.configMap("backpack-config").getData())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", DeployGenerator.KAFKA_CLUSTER + "-kafka-bootstrap:9092");
    }

    /**
     * Only the gateway's Service leaves the cluster (LoadBalancer, NodePort, external IPs or an Ingress), and the
     * NetworkPolicies admit traffic from outside the namespace to the gateway only (and Prometheus's namespace).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachableFromOutside(String overlay) {
        RenderedOverlay r = rendered(overlay);
        List<String> external = r.all(Service.class).stream()
                .filter(s -> "LoadBalancer".equals(s.getSpec().getType()) || "NodePort".equals(s.getSpec().getType())
                        || !s.getSpec().getExternalIPs().isEmpty())
                .map(s -> s.getMetadata().getName()).toList();
        assertThat(external).containsExactly("gateway");
        assertThat(r.all(Ingress.class)).isEmpty();

        Map<String, String> gatewayPod = r.one(Deployment.class, "gateway").getSpec().getTemplate().getMetadata()
                .getLabels();
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        boolean everyPodIsolated = false;
        for (NetworkPolicy policy : policies) {
            LabelSelector selected = policy.getSpec().getPodSelector();
            boolean allPods = selected.getMatchLabels().isEmpty() && selected.getMatchExpressions().isEmpty();
            boolean gatewayOnly = !allPods && selected.getMatchExpressions().isEmpty()
                    && gatewayPod.entrySet().containsAll(selected.getMatchLabels().entrySet())
                    && r.all(Deployment.class).stream().filter(d -> !d.getMetadata().getName().equals("gateway"))
                    .noneMatch(d -> selects(selected.getMatchLabels(), d.getSpec().getTemplate()));
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                String what = overlay + ": NetworkPolicy " + policy.getMetadata().getName();
                if (rule.getFrom().isEmpty()) {
                    assertThat(gatewayOnly).as(what + " admits anyone, so it selects the gateway alone").isTrue();
                    continue;
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).as(what + " ipBlock").isNull();
                    if (peer.getNamespaceSelector() != null) {
                        assertThat(peer.getNamespaceSelector().getMatchLabels()).as(what + " namespaces")
                                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
                    }
                }
            }
            everyPodIsolated |= allPods && policy.getSpec().getPolicyTypes().contains("Ingress")
                    && policy.getSpec().getIngress().stream().allMatch(rule -> !rule.getFrom().isEmpty()
                    && rule.getFrom().stream().allMatch(p -> p.getNamespaceSelector() == null
                    && p.getIpBlock() == null && p.getPodSelector() != null));
        }
        assertThat(everyPodIsolated).as(overlay + ": a policy admits only this namespace's pods to every pod").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void autoscalersAndDisruptionBudgetsCoverTheirServices(String overlay) {
        RenderedOverlay r = rendered(overlay);
        assertThat(r.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("gateway", "recommender-service", "vision-service");
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            r.one(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        }
        Map<String, PodTemplateSpec> workloads = new HashMap<>();
        r.all(Deployment.class).forEach(d -> workloads.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        r.all(StatefulSet.class).forEach(s -> workloads.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        for (Map.Entry<String, PodTemplateSpec> workload : workloads.entrySet()) {
            List<PodDisruptionBudget> budgets = r.all(PodDisruptionBudget.class).stream()
                    .filter(b -> selects(b.getSpec().getSelector().getMatchLabels(), workload.getValue())).toList();
            assertThat(budgets).as(overlay + ": the budget of " + workload.getKey()).hasSize(1);
        }
    }

    /** A three-node CockroachDB, and each service with a database pointed at its SQL Service, one database each. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void databasesPointAtCockroachDb(String overlay) {
        RenderedOverlay r = rendered(overlay);
        StatefulSet cockroach = r.one(StatefulSet.class, "cockroachdb");
        assertThat(cockroach.getSpec().getReplicas()).isEqualTo(3);
        Service sql = r.one(Service.class, "cockroachdb-public");
        assertThat(sql.getSpec().getPorts()).extracting(ServicePort::getPort).contains(26257);
        Map<String, String> db = r.configMap("backpack-database").getData();
        assertThat(db).containsEntry("BACKPACK_DB_HOST", "cockroachdb-public").containsEntry("BACKPACK_DB_PORT",
                "26257");
        String init = String.join("\n", r.one(Job.class, "cockroachdb-init").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getCommand());
        for (String service : DeployGenerator.SERVICES) {
            Container c = r.one(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = c.getEnv().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
            String database = DATABASES.get(service);
            if (database == null) {
                assertThat(env).as(service).doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
                continue;
            }
            String hostPort = "$(BACKPACK_DB_HOST):$(BACKPACK_DB_PORT)/" + database;
            assertThat(env).containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:postgresql://" + hostPort + "?$(BACKPACK_DB_JDBC_PARAMETERS)");
            assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL")).isEqualTo(
                    "postgresql://" + hostPort + "?sslmode=$(BACKPACK_DB_SSLMODE)");
            String secret = service.replace("-service", "") + "-database";
            assertThat(envFromNames(c)).contains(r.configMap("backpack-database").getMetadata().getName())
                    .anyMatch(name -> name.equals(secret) || name.startsWith(secret + "-"));
            assertThat(init).as("the init Job makes " + database).contains(service.replace("-service", ""));
        }
        if (overlay.equals("prod")) {
            assertThat(db).containsEntry("BACKPACK_DB_SSLMODE", "verify-full");
            assertThat(r.configMap("cockroachdb").getData()).containsEntry("COCKROACH_INSECURE", "false");
        }
    }

    /** Every ConfigMap a pod names is rendered; every Secret is rendered or one the overlay says to make. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferencedConfigMapAndSecretExists(String overlay) {
        RenderedOverlay r = rendered(overlay);
        Set<String> configMaps = r.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        Set<String> secrets = new HashSet<>(EXTERNAL_SECRETS.get(overlay));
        r.all(Secret.class).forEach(s -> secrets.add(s.getMetadata().getName()));
        Set<String> usedSecrets = new TreeSet<>();
        Set<String> optionalSecrets = new TreeSet<>();
        for (PodSpec pod : podSpecs(r)) {
            Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).forEach(c -> {
                for (EnvFromSource from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        assertThat(configMaps).as(overlay).contains(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        usedSecrets.add(from.getSecretRef().getName());
                    }
                }
                c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .forEach(e -> usedSecrets.add(e.getValueFrom().getSecretKeyRef().getName()));
            });
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    // An optional volume's Secret (the prod cluster's certificates) may be absent.
                    (Boolean.TRUE.equals(volume.getSecret().getOptional()) ? optionalSecrets : usedSecrets)
                            .add(volume.getSecret().getSecretName());
                }
                if (volume.getPersistentVolumeClaim() != null) {
                    r.one(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class,
                            volume.getPersistentVolumeClaim().getClaimName());
                }
            }
        }
        assertThat(secrets).as(overlay + ": Secrets rendered or to be made").containsAll(usedSecrets);
        Set<String> referenced = new TreeSet<>(usedSecrets);
        referenced.addAll(optionalSecrets);
        assertThat(referenced).as(overlay + ": the Secrets to be made are used").containsAll(EXTERNAL_SECRETS.get(overlay));
    }

    /** The reading itself refuses what it should: a misspelt field, an unknown kind, a value of the wrong type. */
    @Test
    void readingRefusesUnknownFieldsAndKinds() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode deployment = json.createObjectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
        deployment.putObject("metadata").put("name", "x");
        deployment.putObject("spec").put("replicas", 1).putObject("template").putObject("spec").putArray("containers")
                .addObject().put("name", "x").put("image", "x").put("livenessProbes", "typo");
        assertThatThrownBy(() -> RenderedOverlay.typed(deployment)).hasMessageContaining("livenessProbes");

        ObjectNode topic = json.createObjectNode().put("apiVersion", "kafka.strimzi.io/v1").put("kind", "KafkaTopic");
        topic.putObject("metadata").put("name", "t");
        topic.putObject("spec").put("partitions", 3).put("replica", 3);
        assertThatThrownBy(() -> RenderedOverlay.typed(topic)).hasMessageContaining("replica");

        ObjectNode badValue = topic.deepCopy();
        ((ObjectNode) badValue.get("spec")).remove("replica");
        ((ObjectNode) badValue.get("spec")).put("partitions", "three");
        assertThatThrownBy(() -> RenderedOverlay.typed(badValue)).hasMessageContaining("KafkaTopic");

        ObjectNode unknownKind = json.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        unknownKind.putObject("metadata").put("name", "p");
        assertThatThrownBy(() -> RenderedOverlay.typed(unknownKind)).hasMessageContaining("no model");

        ObjectNode good = topic.deepCopy();
        ((ObjectNode) good.get("spec")).remove("replica");
        ((ObjectNode) good.get("spec")).put("replicas", 3);
        assertThat(RenderedOverlay.typed(good)).isInstanceOf(KafkaTopic.class);
    }

    private static List<PodSpec> podSpecs(RenderedOverlay r) {
        return Stream.of(
                r.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec()),
                r.all(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate().getSpec()),
                r.all(Job.class).stream().map(j -> j.getSpec().getTemplate().getSpec()))
                .flatMap(s -> s).toList();
    }

    private static Set<String> envFromNames(Container c) {
        Set<String> names = new HashSet<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                names.add(from.getConfigMapRef().getName());
            }
            if (from.getSecretRef() != null) {
                names.add(from.getSecretRef().getName());
            }
        }
        return names;
    }

    private static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
        return selector != null && !selector.isEmpty()
                && template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet());
    }
}
