package org.vsekai.backpack.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * deploy/generated is what deploy/generate writes from this build: the services' quarkus-kubernetes output (the
 * reactor packages them before this module) and the KafkaTopics of Topics.java. A hand edit there, or a change of a
 * service's quarkus.kubernetes.* or of Topics.java without deploy/generate, fails here.
 */
class DeployDriftTest {

    private static final Path ROOT = RenderedOverlay.repositoryRoot();

    @Test
    void committedFilesAreAFreshGeneration() throws IOException {
        Map<String, String> fresh = DeployGenerator.generate(ROOT);
        Path committed = ROOT.resolve("deploy/generated");
        TreeSet<String> committedNames = new TreeSet<>();
        try (var files = Files.list(committed)) {
            files.forEach(file -> committedNames.add(file.getFileName().toString()));
        }
        assertThat(committedNames).as("files in deploy/generated (run deploy/generate)")
                .containsExactlyInAnyOrderElementsOf(fresh.keySet());
        for (Map.Entry<String, String> file : fresh.entrySet()) {
            String old = Files.readString(committed.resolve(file.getKey()), StandardCharsets.UTF_8);
            if (!old.equals(file.getValue())) {
                fail("deploy/generated/" + file.getKey() + " differs from a fresh generation; run deploy/generate "
                        + "and commit the result (never edit it by hand)\n" + firstDifference(old, file.getValue()));
            }
        }
    }

    @Test
    void everyServiceIsGeneratedWithItsDeploymentAndService() {
        Map<String, String> fresh = DeployGenerator.generate(ROOT);
        for (String service : DeployGenerator.SERVICES) {
            String yaml = fresh.get(service + ".yml");
            assertThat(yaml).as(service).contains("kind: Deployment").contains("kind: Service")
                    .contains("name: " + service + "\n");
        }
    }

    /** quarkus-kubernetes' label order changes between builds; the generated files' does not, lists keep theirs. */
    @Test
    void keysAreSortedAndListsKeepTheirOrder() throws IOException {
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        var a = yaml.readTree("labels: {b: 1, a: 2}\nenv: [{name: Z, value: $(A)}, {name: A}]\n");
        var b = yaml.readTree("env: [{value: $(A), name: Z}, {name: A}]\nlabels: {a: 2, b: 1}\n");
        assertThat(DeployGenerator.sorted(a).toString()).isEqualTo(DeployGenerator.sorted(b).toString())
                .isEqualTo("{\"env\":[{\"name\":\"Z\",\"value\":\"$(A)\"},{\"name\":\"A\"}],\"labels\":{\"a\":2,\"b\":1}}");
    }

    private static String firstDifference(String committed, String fresh) {
        List<String> a = committed.lines().toList();
        List<String> b = fresh.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + ":\n  committed: " + left + "\n  generated: " + right;
            }
        }
        return "line endings differ";
    }
}
