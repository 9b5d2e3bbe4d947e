package org.vsekai.backpack.testkit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Collects every finished span of the application under test, for any {@code @QuarkusTest} that injects an
 * {@link InMemorySpanExporter}. Quarkus hands each span to every SpanExporter bean, the service kit's
 * NoCollectorSpanExporter included, so this one sees them all. The testkit is a bean archive, so every service's
 * tests get this producer without declaring it.
 */
public class CapturedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
