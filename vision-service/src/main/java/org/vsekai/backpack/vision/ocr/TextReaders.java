package org.vsekai.backpack.vision.ocr;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.vsekai.backpack.vision.config.ConfigNames;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.ModelRegistry;
import org.vsekai.backpack.vision.model.Task;

/**
 * The OCR pipelines, by the name of their text detector: a {@code text-detection} model with
 * {@code ocr.recogniser} set. Checked at start: the recogniser must be a {@code text-recognition} model and the
 * classifier a {@code classification} model with a {@code 180} label, or the start fails.
 */
@Singleton
public class TextReaders {

    private final Map<String, TextReader> byDetector;

    @Inject
    public TextReaders(ModelRegistry registry) {
        this(of(registry));
    }

    private TextReaders(Map<String, TextReader> byDetector) {
        this.byDetector = Map.copyOf(byDetector);
    }

    public static TextReaders none() {
        return new TextReaders(Map.of());
    }

    public static TextReaders from(ModelRegistry registry) {
        return new TextReaders(of(registry));
    }

    public Optional<TextReader> of(LoadedModel detector) {
        return Optional.ofNullable(byDetector.get(detector.name()));
    }

    private static Map<String, TextReader> of(ModelRegistry registry) {
        Map<String, TextReader> readers = new HashMap<>();
        for (LoadedModel model : registry.all()) {
            String key = "backpack.vision.models." + model.name() + ".ocr.";
            Optional<String> recogniser = model.config().ocr().recogniser();
            if (recogniser.isEmpty()) {
                if (model.config().ocr().classifier().isPresent()) {
                    throw new ModelLoadException("model " + model.name() + ": " + key + "classifier needs "
                            + key + "recogniser");
                }
                continue;
            }
            if (model.task() != Task.TEXT_DETECTION) {
                throw new ModelLoadException("model " + model.name() + " is a " + ConfigNames.of(model.task())
                        + " model; only text-detection models read text (" + key + "recogniser)");
            }
            LoadedModel reader = named(registry, recogniser.get(), Task.TEXT_RECOGNITION, key + "recogniser");
            Optional<LoadedModel> classifier = model.config().ocr().classifier()
                    .map(name -> named(registry, name, Task.CLASSIFICATION, key + "classifier"));
            classifier.ifPresent(c -> {
                if (!c.labels().names().contains(TextReader.TURNED)) {
                    throw new ModelLoadException("model " + c.name() + " has no label " + TextReader.TURNED
                            + ", so it cannot say a line is upside down (" + key + "classifier)");
                }
            });
            readers.put(model.name(), new TextReader(reader, classifier, model.config().ocr()));
        }
        return readers;
    }

    private static LoadedModel named(ModelRegistry registry, String name, Task task, String key) {
        LoadedModel model = registry.find(name).orElseThrow(() -> new ModelLoadException("no model is called "
                + name + " (" + key + ")"));
        if (model.task() != task) {
            throw new ModelLoadException("model " + name + " is a " + ConfigNames.of(model.task()) + " model, not "
                    + ConfigNames.of(task) + " (" + key + ")");
        }
        return model;
    }
}
