package org.vsekai.backpack.launcher.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;

/** The {@code java} command that runs one service against the suite's broker, database and ports. */
public final class ServiceCommandLine {

    /** Five JVMs share a laptop: a small heap and the serial collector keep each one's footprint modest. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

    private ServiceCommandLine() {
    }

    public static List<String> of(Path javaExecutable, Path jar, ServiceSpec service, PortPlan ports,
                                  String kafkaBootstrap, Optional<DatabaseCoordinates> database) {
        return of(javaExecutable, jar, service, ports, kafkaBootstrap, database, List.of());
    }

    /** @param extraProperties more {@code name=value} configuration, e.g. the gateway's token verification */
    public static List<String> of(Path javaExecutable, Path jar, ServiceSpec service, PortPlan ports,
                                  String kafkaBootstrap, Optional<DatabaseCoordinates> database,
                                  List<String> extraProperties) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(JVM_OPTIONS);
        systemProperties(service, ports, kafkaBootstrap, database)
                .forEach(property -> command.add("-D" + property));
        extraProperties.forEach(property -> command.add("-D" + property));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The configuration handed to the service, as {@code name=value}. */
    static List<String> systemProperties(ServiceSpec service, PortPlan ports, String kafkaBootstrap,
                                         Optional<DatabaseCoordinates> database) {
        List<String> properties = new ArrayList<>();
        properties.add("quarkus.http.port=" + ports.portOf(service));
        properties.add("kafka.bootstrap.servers=" + kafkaBootstrap);
        database.ifPresent(db -> {
            Map<String, String> config = db.quarkusConfig();
            for (String key : List.of("quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url",
                    "quarkus.datasource.username", "quarkus.datasource.password")) {
                properties.add(key + "=" + config.get(key));
            }
        });
        if (service.equals(ServiceSpec.GATEWAY)) {
            for (ServiceSpec downstream : ServiceSpec.ALL) {
                if (!downstream.equals(ServiceSpec.GATEWAY)) {
                    properties.add("quarkus.rest-client." + downstream.clientName() + ".url="
                            + ports.urlOf(downstream));
                }
            }
        }
        return properties;
    }

    /**
     * The blob store of a service that writes or reads blobs ({@link ServiceSpec#blobs()}: ingest writes scenes and
     * frames, vision reads frames by the events' references), the same directory for all of them; none otherwise.
     */
    public static List<String> blobProperties(ServiceSpec service, Path blobDirectory) {
        return service.blobs() ? List.of("backpack.blobs.directory=" + blobDirectory) : List.of();
    }

    /**
     * The vision-service's models: one property naming the file they were written to (so the command line stays
     * short, see {@link VisionModels}); nothing for another service, or when there are no models.
     */
    public static List<String> visionModelProperties(ServiceSpec service, VisionModels models, Path configDirectory) {
        if (!service.equals(ServiceSpec.VISION) || models.isEmpty()) {
            return List.of();
        }
        Path file = models.write(configDirectory.resolve("vision-models.properties"));
        return List.of("quarkus.config.locations=" + file.toAbsolutePath().toUri());
    }

    /** The default JVM of this launcher, so every service runs on the Java the user checked. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
