package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;

class ServiceCommandLineTest {

    private static final PortPlan PORTS = new PortPlan(9000);
    private static final DatabaseCoordinates DB =
            new DatabaseCoordinates("localhost", 5433, "backpack_recommender", "postgres", "secret");

    @Test
    void runsTheFastJarWithASmallHeapAndTheSerialCollector() {
        Path jar = Path.of("/repo/recommender-service/target/quarkus-app/quarkus-run.jar");

        List<String> command = ServiceCommandLine.of(Path.of("/jdk/bin/java"), jar, ServiceSpec.RECOMMENDER, PORTS,
                "localhost:9092", Optional.of(DB));

        assertThat(command).startsWith("/jdk/bin/java", "-Xmx384m", "-XX:+UseSerialGC")
                .endsWith("-jar", jar.toString());
    }

    @Test
    void aServiceWithADatabaseGetsItsPortTheBrokerAndBothDatasourceUrls() {
        List<String> properties = ServiceCommandLine.systemProperties(ServiceSpec.RECOMMENDER, PORTS,
                "localhost:9092", Optional.of(DB));

        assertThat(properties).containsExactly(
                "quarkus.http.port=9004",
                "kafka.bootstrap.servers=localhost:9092",
                "quarkus.datasource.jdbc.url=jdbc:postgresql://localhost:5433/backpack_recommender",
                "quarkus.datasource.reactive.url=postgresql://localhost:5433/backpack_recommender",
                "quarkus.datasource.username=postgres",
                "quarkus.datasource.password=secret");
    }

    @Test
    void aServiceWithoutADatabaseGetsNoDatasource() {
        List<String> properties = ServiceCommandLine.systemProperties(ServiceSpec.VISION, PORTS, "localhost:9092",
                Optional.empty());

        assertThat(properties).containsExactly("quarkus.http.port=9003", "kafka.bootstrap.servers=localhost:9092");
    }

    @Test
    void ingestAndVisionShareOneBlobStoreAndNoOtherServiceGetsOne() {
        Path blobs = Path.of("/repo/.backpack/blobs");
        assertThat(ServiceCommandLine.blobProperties(ServiceSpec.INGEST, blobs))
                .containsExactly("backpack.blobs.directory=/repo/.backpack/blobs");
        assertThat(ServiceCommandLine.blobProperties(ServiceSpec.VISION, blobs))
                .containsExactly("backpack.blobs.directory=/repo/.backpack/blobs");
        for (ServiceSpec other : List.of(ServiceSpec.GATEWAY, ServiceSpec.METADATA, ServiceSpec.RECOMMENDER)) {
            assertThat(ServiceCommandLine.blobProperties(other, blobs)).as(other.name()).isEmpty();
        }
    }

    @Test
    void theGatewayGetsOneRestClientUrlPerOtherServiceOnTheShiftedPorts() {
        List<String> properties = ServiceCommandLine.systemProperties(ServiceSpec.GATEWAY, PORTS, "localhost:9092",
                Optional.empty());

        assertThat(properties).containsExactly(
                "quarkus.http.port=9000",
                "kafka.bootstrap.servers=localhost:9092",
                "quarkus.rest-client.ingest.url=http://localhost:9001",
                "quarkus.rest-client.metadata.url=http://localhost:9002",
                "quarkus.rest-client.vision.url=http://localhost:9003",
                "quarkus.rest-client.recommender.url=http://localhost:9004");
    }
}
