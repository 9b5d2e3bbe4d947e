package org.vsekai.backpack.metadata.jsonld;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.vsekai.backpack.metadata.context.BundledContextLoader;
import org.vsekai.backpack.metadata.context.BundledContexts;

/** The one processor of the service: bundled contexts only, the configured limits, its worker pool closed at stop. */
@ApplicationScoped
public class ProcessorProducer {

    @Produces
    @Singleton
    BundledContexts bundledContexts() {
        return BundledContexts.load();
    }

    @Produces
    @Singleton
    JsonLdProcessor processor(BundledContexts contexts, JsonLdLimits limits) {
        return new JsonLdProcessor(BundledContextLoader.of(contexts), limits);
    }

    @Produces
    @Singleton
    BoundedJsonReader reader(JsonLdLimits limits) {
        return new BoundedJsonReader(limits);
    }

    void close(@Disposes JsonLdProcessor processor) {
        processor.close();
    }
}
