package org.vsekai.backpack.gateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link FakeRecommender} on a free port before the application and points the gateway's recommender
 * REST client at it; a test gets it in a field annotated {@link InjectFakeRecommender}.
 */
public class FakeRecommenderResource implements QuarkusTestResourceLifecycleManager {

    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface InjectFakeRecommender {
    }

    private FakeRecommender recommender;

    @Override
    public Map<String, String> start() {
        recommender = new FakeRecommender();
        recommender.start();
        return Map.of("quarkus.rest-client.recommender.url", recommender.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(recommender,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeRecommender.class, FakeRecommender.class));
    }

    @Override
    public void stop() {
        if (recommender != null) {
            recommender.close();
            recommender = null;
        }
    }
}
