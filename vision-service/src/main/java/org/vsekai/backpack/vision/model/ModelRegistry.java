package org.vsekai.backpack.vision.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.vsekai.backpack.vision.config.VisionConfig;

import io.quarkus.runtime.Startup;

/**
 * The models the service serves, loaded once at start from {@code backpack.vision.models.*}: a missing file, or a
 * model whose inputs and outputs are not what its decoder reads, stops the start with an error naming both.
 */
@Singleton
@Startup
public class ModelRegistry {

    private final Map<String, LoadedModel> models;

    @Inject
    public ModelRegistry(VisionConfig config) {
        this(ModelLoader.loadAll(config.models()));
    }

    public ModelRegistry(Map<String, LoadedModel> models) {
        this.models = Map.copyOf(models);
    }

    public Optional<LoadedModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** Every model, by name. */
    public List<LoadedModel> all() {
        return models.values().stream().sorted(java.util.Comparator.comparing(LoadedModel::name)).toList();
    }

    /** The models every camera frame runs through. */
    public List<LoadedModel> streamModels() {
        return all().stream().filter(m -> m.config().stream()).toList();
    }

    public Collection<String> names() {
        return all().stream().map(LoadedModel::name).toList();
    }

    @PreDestroy
    void close() {
        models.values().forEach(LoadedModel::close);
    }
}
