package org.vsekai.backpack.metadata;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Collects the spans of a test run in memory. Quarkus hands every finished span to each SpanExporter bean, the
 * service kit's NoCollectorSpanExporter included, so this one sees them all.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
