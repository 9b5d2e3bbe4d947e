package org.vsekai.backpack.gateway.testing;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;

import org.vsekai.backpack.gateway.config.GatewayConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The gateway's configuration as its application.properties (test profile) gives it, for tests that run one class
 * without starting Quarkus (the fuzz tests): the limits they check are the configured ones, not copies.
 */
public final class GatewayTestConfig {

    private GatewayTestConfig() {
    }

    public static GatewayConfig gateway() {
        URL properties = GatewayTestConfig.class.getClassLoader().getResource("application.properties");
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withProfile("test")
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withMapping(GatewayConfig.class)
                    .build();
            return config.getConfigMapping(GatewayConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
