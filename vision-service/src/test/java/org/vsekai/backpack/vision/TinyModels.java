package org.vsekai.backpack.vision;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelRegistry;

/**
 * The test profile's tiny models, loaded once for a test class and closed after it:
 * {@code @RegisterExtension static final TinyModels MODELS = new TinyModels();}
 */
public final class TinyModels implements BeforeAllCallback, AfterAllCallback {

    private ModelRegistry registry;

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = TestConfigs.registry();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        registry.all().forEach(LoadedModel::close);
    }

    public LoadedModel get(String name) {
        return registry.find(name).orElseThrow();
    }
}
