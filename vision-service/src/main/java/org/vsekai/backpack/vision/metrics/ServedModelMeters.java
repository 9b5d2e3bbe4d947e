package org.vsekai.backpack.vision.metrics;

import java.util.Locale;

import jakarta.inject.Singleton;

import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelRegistry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code backpack.vision.model.serving{model,version,task}}: 1 for each model this instance serves, under its version
 * (the first 12 hex digits of its file's SHA-256), so a dashboard or an alert sees which versions run where. The
 * models are loaded once at start, so the meters are registered once.
 */
@Singleton
@Startup
public class ServedModelMeters {

    public ServedModelMeters(ModelRegistry models, MeterRegistry registry) {
        for (LoadedModel model : models.all()) {
            Gauge.builder("backpack.vision.model.serving", () -> 1)
                    .description("A model served by this instance, under its version (1 while loaded)")
                    .tag("model", model.name()).tag("version", model.version())
                    .tag("task", model.task().name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }
}
