package org.vsekai.backpack.launcher.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import org.vsekai.backpack.embedded.InfrastructureSettings;

/**
 * How to bring the suite up.
 *
 * @param repositoryRoot  the checkout whose {@code <module>/target/quarkus-app/quarkus-run.jar} files are run
 * @param logDirectory    where {@code <service>.log} files go
 * @param ports           the services' ports
 * @param startTimeout    how long each service may take from process start to ready
 * @param sequentialStart start one service after another, for start-up times not blurred by the others
 * @param infrastructure  embedded or external Kafka and PostgreSQL
 * @param progress        receives one human-readable line per step
 * @param visionModels    the models the vision-service loads ({@link VisionModels})
 * @param traces          where the services export their spans
 */
public record SuiteOptions(Path repositoryRoot, Path logDirectory, PortPlan ports, Duration startTimeout,
                           boolean sequentialStart, InfrastructureSettings infrastructure, Consumer<String> progress,
                           VisionModels visionModels, TraceExport traces) {

    /** {@link #DEFAULT_START_TIMEOUT} in seconds, as a constant for {@code ./backpack up --start-timeout}. */
    public static final int DEFAULT_START_TIMEOUT_SECONDS = 120;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS);

    public SuiteOptions {
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        Objects.requireNonNull(logDirectory, "logDirectory");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(infrastructure, "infrastructure");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(visionModels, "visionModels");
        Objects.requireNonNull(traces, "traces");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive, not " + startTimeout);
        }
    }

    /**
     * What {@code ./backpack up} uses: ports from 8080, logs in {@code .backpack/logs}, the infra switch as set, and
     * the standard vision models ({@link VisionModels#standard}: PaddleOCR's detector when the shared data has it).
     */
    public static SuiteOptions defaults(Path repositoryRoot) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        return new SuiteOptions(root, root.resolve(".backpack/logs"), PortPlan.standard(), DEFAULT_START_TIMEOUT,
                false, InfrastructureSettings.fromEnvironment(), System.out::println, VisionModels.standard(root),
                TraceExport.NONE);
    }

    /**
     * Where the local signing key pair lives ({@code .backpack/keys}): made by the first {@code ./backpack up}, used
     * by {@code ./backpack token} and the end-to-end tests, handed to the gateway as its verification key.
     */
    public Path keyDirectory() {
        return repositoryRoot.resolve(".backpack").resolve("keys");
    }

    /** The blob store that ingest writes and vision reads ({@code .backpack/blobs}), one for the whole suite. */
    public Path blobDirectory() {
        return repositoryRoot.resolve(".backpack").resolve("blobs");
    }

    /**
     * Where the launcher writes configuration files it hands to services (the vision models): beside the log folder,
     * so two suites with their own log folders (./backpack up and the end-to-end tests) do not share them.
     */
    public Path configDirectory() {
        return logDirectory.resolveSibling(logDirectory.getFileName() + "-config");
    }

    public SuiteOptions withBasePort(int basePort) {
        return new SuiteOptions(repositoryRoot, logDirectory, new PortPlan(basePort), startTimeout, sequentialStart,
                infrastructure, progress, visionModels, traces);
    }

    public SuiteOptions withLogDirectory(Path directory) {
        return new SuiteOptions(repositoryRoot, directory.toAbsolutePath().normalize(), ports, startTimeout,
                sequentialStart, infrastructure, progress, visionModels, traces);
    }

    public SuiteOptions withStartTimeout(Duration timeout) {
        return new SuiteOptions(repositoryRoot, logDirectory, ports, timeout, sequentialStart, infrastructure,
                progress, visionModels, traces);
    }

    public SuiteOptions withSequentialStart(boolean sequential) {
        return new SuiteOptions(repositoryRoot, logDirectory, ports, startTimeout, sequential, infrastructure,
                progress, visionModels, traces);
    }

    public SuiteOptions withInfrastructure(InfrastructureSettings settings) {
        return new SuiteOptions(repositoryRoot, logDirectory, ports, startTimeout, sequentialStart, settings,
                progress, visionModels, traces);
    }

    public SuiteOptions withVisionModels(VisionModels models) {
        return new SuiteOptions(repositoryRoot, logDirectory, ports, startTimeout, sequentialStart, infrastructure,
                progress, models, traces);
    }

    public SuiteOptions withTraces(TraceExport export) {
        return new SuiteOptions(repositoryRoot, logDirectory, ports, startTimeout, sequentialStart, infrastructure,
                progress, visionModels, export);
    }

    public SuiteOptions withProgress(Consumer<String> listener) {
        return new SuiteOptions(repositoryRoot, logDirectory, ports, startTimeout, sequentialStart, infrastructure,
                listener, visionModels, traces);
    }
}
