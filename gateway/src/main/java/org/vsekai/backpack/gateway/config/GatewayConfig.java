package org.vsekai.backpack.gateway.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings the gateway owns, under {@code backpack.gateway}. Remote-call timeouts live with the REST client. */
@ConfigMapping(prefix = "backpack.gateway")
public interface GatewayConfig {

    Limits limits();

    Interactions interactions();

    /** What one request may carry; every limit is refused with a problem, never silently truncated. */
    interface Limits {

        /** Longest activity, actor, object or user id, in characters. */
        @WithDefault("256")
        @Min(1)
        int maxIdLength();

        /** Largest body of {@code POST /api/v1/interactions}. */
        @WithDefault("64K")
        MemorySize maxActivityBody();

        /**
         * Largest body of {@code POST /api/v1/interactions:batch}. Keep it at or below
         * {@code quarkus.http.limits.max-body-size}, which stops any larger chunked body first.
         */
        @WithDefault("1M")
        MemorySize maxBatchBody();

        /** Most activities in one batch. */
        @WithDefault("500")
        @Min(1)
        @Max(10_000)
        int maxBatchSize();
    }

    interface Interactions {

        /** How long a request waits for the broker to acknowledge its records before answering 503. */
        @WithDefault("10s")
        Duration publishTimeout();
    }
}
