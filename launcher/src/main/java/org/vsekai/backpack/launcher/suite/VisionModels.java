package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The models the suite's vision-service loads: {@code backpack.vision.models.<name>.<key>} properties
 * (vision-service/README.md). They reach the service as one file named by one {@code -Dquarkus.config.locations},
 * not as a {@code -D} per key: ONNX Runtime 1.29 crashes when the process's command line passes about 3,990 bytes,
 * and the service refuses to start above 3,800.
 *
 * @param properties  the keys, each beginning with {@link #PREFIX}
 * @param description one line for the progress output: which models, from where, or why none
 */
public record VisionModels(Map<String, String> properties, String description) {

    public static final String PREFIX = "backpack.vision.models.";
    /** PaddleOCR PP-OCRv4's text detector, in {@code shared/data/models} (see its PROVENANCE.md). */
    public static final String OCR_DETECTOR_FILE = "ch_PP-OCRv4_det_infer.onnx";
    public static final String OCR_DETECTOR = "ocr-det";

    public VisionModels {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        for (String key : properties.keySet()) {
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a vision model key: " + key + " (must begin with " + PREFIX
                        + ")");
            }
        }
    }

    public static VisionModels none(String why) {
        return new VisionModels(Map.of(), "none (" + why + ")");
    }

    /**
     * What {@code ./backpack up} runs: PaddleOCR's text detector on every camera frame when the shared data folder
     * has it (real weights, never copied into the repository), else no model.
     */
    public static VisionModels standard(Path repositoryRoot) {
        Optional<Path> detector = sharedData(repositoryRoot)
                .map(data -> data.resolve("models").resolve(OCR_DETECTOR_FILE))
                .filter(Files::isRegularFile);
        return detector.map(VisionModels::paddleOcrDetector)
                .orElseGet(() -> none("no shared/data/models/" + OCR_DETECTOR_FILE + " beside the repository; "
                        + "--vision-models FILE names others"));
    }

    /** The detector with PaddleOCR's own pre- and post-processing, run on the camera-frames stream. */
    public static VisionModels paddleOcrDetector(Path file) {
        Map<String, String> keys = new LinkedHashMap<>();
        model(keys, OCR_DETECTOR, "file", file.toAbsolutePath().toString(), "task", "text-detection",
                "decoder", "db-text", "resize", "fit", "max-side", "960", "colour-order", "bgr",
                "mean", "0.485,0.456,0.406", "std", "0.229,0.224,0.225", "score-threshold", "0.6", "stream", "true");
        return new VisionModels(keys, OCR_DETECTOR + " (PaddleOCR PP-OCRv4 text detection, " + file + ")");
    }

    /** The models of a properties file (its {@code backpack.vision.models.*} keys; others are refused). */
    public static VisionModels fromFile(Path file) {
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vision models file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(name -> keys.put(name, loaded.getProperty(name)));
        VisionModels models = new VisionModels(keys, "");
        return new VisionModels(models.properties(), String.join(", ", models.names()) + " (from " + file + ")");
    }

    /** Adds the model's {@code key, value} pairs under {@code backpack.vision.models.<name>.}. */
    public static void model(Map<String, String> into, String name, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            into.put(PREFIX + name + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    /** The configured models' names, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties.keySet()) {
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            names.add(dot < 0 ? rest : rest.substring(0, dot));
        }
        return List.copyOf(names);
    }

    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /** Writes the properties to {@code file} (made with its folder as needed) and returns it. */
    public Path write(Path file) {
        Properties out = new Properties();
        out.putAll(properties);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.store(writer, "vision-service models for this suite, written by the launcher");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * The shared data folder ({@code ../shared/data/README.md}): {@code -Dbackpack.shared-data} or
     * {@code BACKPACK_SHARED_DATA} when set, else the first {@code shared/data} in the repository root's parent or
     * an ancestor of it (a git worktree sits a level deeper than the main checkout).
     */
    public static Optional<Path> sharedData(Path repositoryRoot) {
        String configured = System.getProperty("backpack.shared-data", System.getenv("BACKPACK_SHARED_DATA"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        for (Path dir = repositoryRoot.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(data)) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }
}
