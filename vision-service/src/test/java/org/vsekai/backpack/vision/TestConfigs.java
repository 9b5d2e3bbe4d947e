package org.vsekai.backpack.vision;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.inference.InferenceEngine;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.model.ModelRegistry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The service's own test configuration (application.properties in the {@code test} profile) for tests that run the
 * model classes without starting Quarkus, plus whatever a test adds.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static VisionConfig vision() {
        return vision(Map.of());
    }

    /** The test profile's configuration with {@code extra} on top. */
    public static VisionConfig vision(Map<String, String> extra) {
        URL properties = TestConfigs.class.getClassLoader().getResource("application.properties");
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withProfile("test")
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new PropertiesConfigSource(extra, "test-extra", 400))
                    .withMapping(VisionConfig.class)
                    // Also under backpack.vision: without its mapping the search's keys would be unknown ones.
                    .withMapping(org.vsekai.backpack.vision.search.SearchConfig.class)
                    .build();
            return config.getConfigMapping(VisionConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tiny models of the test profile, loaded. */
    public static ModelRegistry registry() {
        return new ModelRegistry(ModelLoader.loadAll(vision().models()));
    }

    public static InferenceEngine engine() {
        return new InferenceEngine(new VisionMetrics(new SimpleMeterRegistry()));
    }
}
