package org.vsekai.backpack.launcher.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One service of the suite: its Maven module, where its port sits relative to the base port, and the database it
 * owns, if any.
 */
public record ServiceSpec(String module, int portOffset, Optional<String> database, boolean blobs) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", 0, Optional.empty(), false);
    public static final ServiceSpec INGEST =
            new ServiceSpec("ingest-service", 1, Optional.of("backpack_ingest"), true);
    public static final ServiceSpec METADATA =
            new ServiceSpec("metadata-service", 2, Optional.of("backpack_metadata"), false);
    public static final ServiceSpec VISION = new ServiceSpec("vision-service", 3, Optional.empty(), true);
    public static final ServiceSpec RECOMMENDER =
            new ServiceSpec("recommender-service", 4, Optional.of("backpack_recommender"), false);

    /** In start order; the gateway comes first because it is the one people wait for. */
    public static final List<ServiceSpec> ALL = List.of(GATEWAY, INGEST, METADATA, VISION, RECOMMENDER);

    public String name() {
        return module;
    }

    /** The gateway's REST client for this service is configured as {@code quarkus.rest-client.<name>.url}. */
    public String clientName() {
        return module.endsWith("-service") ? module.substring(0, module.length() - "-service".length()) : module;
    }

    /** The Quarkus fast-jar {@code package} builds. */
    public Path runJar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static ServiceSpec named(String name) {
        return ALL.stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named '" + name + "'; the suite has "
                        + ALL.stream().map(ServiceSpec::name).toList()));
    }
}
