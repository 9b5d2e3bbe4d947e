package org.vsekai.backpack.kit.outbox;

import java.util.List;
import java.util.Map;

import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test application that opts in to the outbox the way a service does (build-time switch, the kit's migration
 * location), on a real PostgreSQL and Kafka; {@code parcels} stands in for the service's own data.
 */
public class OutboxProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                OutboxRelay.ENABLED, "true",
                "quarkus.datasource.active", "true",
                "quarkus.hibernate-orm.active", "true",
                "quarkus.flyway.migrate-at-start", "true",
                "quarkus.flyway.locations", "db/outbox-test/common,db/outbox");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaResource.class, Map.of(), true),
                new TestResourceEntry(PostgresResource.class,
                        Map.of(PostgresResource.DATABASE_ARG, "backpack_kit"), true));
    }
}
