package org.vsekai.backpack.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * One overlay of deploy/ as {@code kubectl kustomize} renders it, every object read into its typed model: fabric8's
 * Kubernetes model (8.0.0, Jackson 3) for Kubernetes kinds, Strimzi's api model (Jackson 2) for Strimzi's. An
 * apiVersion and kind without a model, a field the model does not know (both models keep unknown fields in
 * additionalProperties instead of failing, so every object is walked for them), or a value the model reads
 * differently from what was written (the object written back must equal the rendered one) fails the reading.
 */
final class RenderedOverlay {

    /** The models, by apiVersion and kind: only these may appear in deploy/. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class));

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
    /**
     * Strimzi's model is annotated for Jackson 2. The fabric8 classes it embeds (0.51.0 was built on fabric8 7.5) are
     * 8.0's here, whose own serializers are Jackson 3's: the one it uses in deploy/, Quantity (resources), is written
     * back as its text, as fabric8 does.
     */
    private static final ObjectMapper STRIMZI = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("fabric8-8-quantity")
                    .addSerializer(Quantity.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(
                            Quantity.class) {
                        @Override
                        public void serialize(Quantity quantity, com.fasterxml.jackson.core.JsonGenerator out,
                                              com.fasterxml.jackson.databind.SerializerProvider provider)
                                throws IOException {
                            out.writeString(quantity.getAmount() + quantity.getFormat());
                        }
                    }))
            .build();
    /** fabric8's 8.0 model is annotated for Jackson 3 (tools.jackson). */
    private static final tools.jackson.databind.ObjectMapper FABRIC8 = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    final String overlay;
    final String yaml;
    final List<HasMetadata> objects;

    private RenderedOverlay(String overlay, String yaml, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.yaml = yaml;
        this.objects = objects;
    }

    static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("deploy/overlays"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("no deploy/overlays above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    /** {@code kubectl kustomize deploy/overlays/<overlay>}, read. */
    static RenderedOverlay render(String overlay) {
        return read(overlay, kustomize(repositoryRoot().resolve("deploy/overlays").resolve(overlay)));
    }

    static String kustomize(Path directory) {
        String kubectl = kubectl();
        try {
            Path out = Files.createTempFile("kustomize", ".yml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl, "kustomize", directory.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + directory + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + directory + " failed: "
                            + Files.readString(err));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kubectl from PATH (Debian's kubernetes-client: /usr/bin/kubectl; .ci/run installs it). */
    private static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("kubectl is not installed: apt-get install kubernetes-client (see .ci/run)");
    }

    static RenderedOverlay read(String overlay, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                objects.add(typed(document));
            }
        } catch (IOException e) {
            throw new IllegalStateException("rendered " + overlay + " is not YAML", e);
        }
        return new RenderedOverlay(overlay, yaml, objects);
    }

    /** One object into its model, refusing unknown kinds and fields and values that do not survive the model. */
    static HasMetadata typed(JsonNode document) {
        String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        String name = key + " " + document.path("metadata").path("name").asText();
        Class<?> model = MODELS.get(key);
        if (model == null) {
            throw new IllegalArgumentException(name + ": no model for this apiVersion and kind");
        }
        try {
            String json = STRIMZI.writeValueAsString(document);
            Object typed;
            JsonNode written;
            if (model.getName().startsWith("io.strimzi.")) {
                typed = STRIMZI.readValue(json, model);
                written = STRIMZI.valueToTree(typed);
                // One Strimzi class serves every version of its kind (VERSIONS) and writes its own storage
                // version back; the rendered one must be among those it serves.
                String version = document.path("apiVersion").asText().substring("kafka.strimzi.io/".length());
                @SuppressWarnings("unchecked")
                List<String> served = (List<String>) model.getField("VERSIONS").get(null);
                if (!served.contains(version)) {
                    throw new IllegalArgumentException(name + ": " + model.getName() + " serves " + served);
                }
                ((com.fasterxml.jackson.databind.node.ObjectNode) written).set("apiVersion", document.get("apiVersion"));
            } else {
                typed = FABRIC8.readValue(json, model);
                written = STRIMZI.readTree(FABRIC8.writeValueAsString(typed));
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(typed, "", unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(name + ": fields unknown to " + model.getName() + ": " + unknown);
            }
            String difference = difference(document, written, "");
            if (difference != null) {
                throw new IllegalArgumentException(name + ": " + model.getName() + " does not read it as written: "
                        + difference);
            }
            return (HasMetadata) typed;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model.getName() + " has no VERSIONS", e);
        } catch (IOException | tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(name + ": not a valid " + model.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the object as the model writes it back differs from the rendered one, or null. The model may add the
     * apiVersion and kind of an embedded object (a StatefulSet's volumeClaimTemplates): those say nothing new.
     */
    private static String difference(JsonNode rendered, JsonNode written, String path) {
        if (rendered.isObject() && written.isObject()) {
            Set<String> names = new java.util.TreeSet<>();
            rendered.fieldNames().forEachRemaining(names::add);
            written.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                JsonNode a = rendered.get(field);
                JsonNode b = written.get(field);
                if (a == null && !path.isEmpty() && (field.equals("apiVersion") || field.equals("kind"))) {
                    continue;
                }
                if (a == null || b == null) {
                    return path + "." + field + ": rendered " + a + ", read " + b;
                }
                String inner = difference(a, b, path + "." + field);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (rendered.isArray() && written.isArray() && rendered.size() == written.size()) {
            for (int i = 0; i < rendered.size(); i++) {
                String inner = difference(rendered.get(i), written.get(i), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return rendered.equals(written) ? null : path + ": rendered " + rendered + ", read " + written;
    }

    /** Every non-empty additionalProperties map in the object graph, by its path. */
    private static void unknownFields(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!isModel(value.getClass()) || value instanceof Enum<?>) {
            return;
        }
        try {
            Method additional = value.getClass().getMethod("getAdditionalProperties");
            Object extra = additional.invoke(value);
            if (extra instanceof Map<?, ?> map && !map.isEmpty()) {
                map.keySet().forEach(k -> unknown.add(path + "." + k));
            }
        } catch (NoSuchMethodException e) {
            // a model class without a catch-all for unknown fields: Jackson refused them already
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        for (Class<?> c = value.getClass(); c != null && isModel(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("additionalProperties")) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    unknownFields(field.get(value), path + "." + field.getName(), unknown, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException(path + "." + field.getName(), e);
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        return type.getName().startsWith("io.fabric8.") || type.getName().startsWith("io.strimzi.");
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind.getSimpleName() + " " + name));
    }

    /** A ConfigMap by the name it was generated with (kustomize appends a hash of its content). */
    ConfigMap configMap(String generatedName) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(generatedName)
                        || c.getMetadata().getName().startsWith(generatedName + "-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + generatedName));
    }
}
