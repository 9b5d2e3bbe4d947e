package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;

/** The suite's life cycle against real Kafka and PostgreSQL, with {@link FakeService} jars in place of the services. */
class SuiteTest {

    @TempDir
    Path root;

    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsEveryServiceWithItsConfigurationMeasuresItAndStopsEverything() throws Exception {
        fakeJars();
        SuiteOptions options = options();
        RunningService gateway;
        List<RunningService> services;
        try (Suite suite = Suite.start(options)) {
            services = suite.services();
            assertThat(services).extracting(RunningService::name).containsExactlyInAnyOrder("gateway",
                    "ingest-service", "metadata-service", "vision-service", "recommender-service");
            for (RunningService service : services) {
                assertThat(service.startupTime()).as(service.name()).isPresent();
                assertThat(service.residentMemoryAtReady()).as(service.name()).isPresent();
                assertThat(service.logFile()).hasFileName(service.name() + ".log").exists();
            }
            gateway = suite.service("gateway");
            int base = options.ports().basePort();
            assertThat(suite.gatewayUrl()).isEqualTo("http://localhost:" + base);
            assertThat(config(suite.gatewayUrl())).contains(
                    "quarkus.http.port=" + base,
                    "kafka.bootstrap.servers=" + suite.kafkaBootstrap(),
                    "quarkus.rest-client.ingest.url=http://localhost:" + (base + 1),
                    "quarkus.rest-client.metadata.url=http://localhost:" + (base + 2),
                    "quarkus.rest-client.vision.url=http://localhost:" + (base + 3),
                    "quarkus.rest-client.recommender.url=http://localhost:" + (base + 4),
                    "mp.jwt.verify.publickey.location=" + root.resolve(".backpack/keys/public.pem"),
                    "mp.jwt.verify.issuer=urn:backpack:local",
                    "mp.jwt.verify.audiences=backpack")
                    .noneMatch(line -> line.startsWith("quarkus.datasource"));
            assertThat(suite.keys().publicKey()).isEqualTo(root.resolve(".backpack/keys/public.pem")).exists();
            assertThat(config(suite.serviceUrl("recommender-service")))
                    .noneMatch(line -> line.startsWith("mp.jwt"));

            DatabaseCoordinates recommenderDb = suite.databases().get("recommender-service");
            assertThat(recommenderDb.database()).isEqualTo("backpack_recommender");
            assertThat(config(suite.serviceUrl("recommender-service")))
                    .contains("quarkus.datasource.jdbc.url=" + recommenderDb.jdbcUrl(),
                            "quarkus.datasource.reactive.url=" + recommenderDb.reactiveUrl());
            assertThat(suite.databases()).containsOnlyKeys("ingest-service", "metadata-service",
                    "recommender-service");
            Properties credentials = new Properties();
            credentials.setProperty("user", recommenderDb.user());
            credentials.setProperty("password", recommenderDb.password());
            try (Connection connection = DriverManager.getConnection(recommenderDb.jdbcUrl(), credentials)) {
                assertThat(connection.isValid(5)).isTrue();
            }
            assertThat(config(suite.serviceUrl("vision-service")))
                    .noneMatch(line -> line.startsWith("quarkus.datasource"));
        }

        assertThat(services).noneMatch(RunningService::isAlive);
        assertThat(gateway.exitCode()).isPresent();
        for (int port = options.ports().basePort(); port < options.ports().basePort() + 5; port++) {
            assertThat(FreePorts.isFree(port)).as("port %d after close", port).isTrue();
        }
        assertThat(progress).anyMatch(line -> line.contains("gateway") && line.contains("ready on"))
                .contains("Backpack stopped.");
    }

    @Test
    void aServiceThatDiesAtStartStopsTheWholeSuiteAndShowsTheEndOfItsLog() throws Exception {
        fakeJars();
        Files.writeString(root.resolve("vision-service/crash"), "");
        SuiteOptions options = options();

        assertThatThrownBy(() -> Suite.start(options))
                .isInstanceOf(SuiteStartException.class)
                .hasMessageContaining("vision-service exited with code 3");

        assertThat(String.join("\n", progress)).contains("boom: this fake service was told to crash");
        assertThat(ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("quarkus-run.jar")))
                .noneMatch(ProcessHandle::isAlive);
        assertThat(progress).contains("Backpack stopped.");
    }

    @Test
    void refusesToStartWithoutTheServiceJars() {
        assertThat(Suite.missingJars(root)).hasSize(5);

        assertThatThrownBy(() -> Suite.start(options()))
                .isInstanceOf(SuiteStartException.class)
                .hasMessageContaining("not built yet")
                .hasMessageContaining("gateway/target/quarkus-app/quarkus-run.jar");
        assertThat(progress).isEmpty();
    }

    @Test
    void refusesToStartWhenAPortIsTaken() throws Exception {
        fakeJars();
        SuiteOptions options = options();
        try (ServerSocket taken = new ServerSocket(options.ports().portOf(ServiceSpec.METADATA))) {
            assertThatThrownBy(() -> Suite.start(options))
                    .isInstanceOf(SuiteStartException.class)
                    .hasMessageContaining("metadata-service (" + taken.getLocalPort() + ")");
        }
        assertThat(progress).isEmpty();
    }

    private SuiteOptions options() {
        return SuiteOptions.defaults(root)
                .withBasePort(FreePorts.findConsecutive(21_000, PortPlan.span()))
                .withLogDirectory(root.resolve("logs"))
                .withStartTimeout(Duration.ofSeconds(60))
                .withProgress(line -> {
                    System.out.println(line);
                    progress.add(line);
                });
    }

    private List<String> config(String serviceUrl) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/config")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines().toList();
    }

    /** A one-class quarkus-run.jar of {@link FakeService} in every module's target folder. */
    private void fakeJars() throws IOException {
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        byte[] classFile;
        try (InputStream in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            classFile = in.readAllBytes();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Path jar = spec.runJar(root);
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                out.putNextEntry(new JarEntry(entry));
                out.write(classFile);
                out.closeEntry();
            }
        }
    }
}
