package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.LoggerFactory;
import org.vsekai.backpack.embedded.Infrastructure;
import org.vsekai.backpack.embedded.InfrastructureSettings;
import org.vsekai.backpack.embedded.kafka.KafkaBroker;
import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;
import org.vsekai.backpack.embedded.postgres.DatabaseProvisioner;
import org.vsekai.backpack.embedded.postgres.PostgresServer;
import org.vsekai.backpack.launcher.token.LocalKeys;
import org.vsekai.backpack.launcher.token.LocalTokens;

/**
 * The whole suite on one machine: Kafka with every topic, PostgreSQL with each service's database, and the five
 * services as separate JVMs, each waited for until {@code /q/health/ready} answers 200.
 *
 * <p>{@code ./backpack up} and the end-to-end tests both start it through {@link #start(SuiteOptions)}, so what the
 * tests exercise is what a developer runs. {@link #close()} stops the services (gracefully, then forcibly), then
 * the broker and the database server; it also runs when the JVM is asked to exit (Ctrl-C).
 */
public final class Suite implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final SuiteOptions options;
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "backpack-suite");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread shutdownHook = new Thread(this::close, "backpack-suite-shutdown");
    private final List<RunningService> services = new CopyOnWriteArrayList<>();
    private final Map<String, DatabaseCoordinates> databases = new LinkedHashMap<>();
    private volatile boolean closing;
    /** Services killed on purpose by {@link #crashAndRestart}: their exit is not reported as unexpected. */
    private final Set<RunningService> crashedOnPurpose = ConcurrentHashMap.newKeySet();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private LocalKeys keys;

    private Suite(SuiteOptions options) {
        this.options = options;
    }

    /**
     * Starts everything and returns once every service is ready. On failure, prints the end of the failing
     * service's log through the progress listener, stops what was started and throws {@link SuiteStartException}.
     */
    public static Suite start(SuiteOptions options) {
        List<Path> missing = missingJars(options.repositoryRoot());
        if (!missing.isEmpty()) {
            throw new SuiteStartException("not built yet: " + missing
                    + "; build with ./mvnw -B -DskipTests package (or ./backpack up --rebuild)");
        }
        List<String> busy = ServiceSpec.ALL.stream()
                .filter(spec -> !FreePorts.isFree(options.ports().portOf(spec)))
                .map(spec -> spec.name() + " (" + options.ports().portOf(spec) + ")")
                .toList();
        if (!busy.isEmpty()) {
            throw new SuiteStartException("ports already in use: " + String.join(", ", busy)
                    + "; stop what runs there or choose other ports with --base-port");
        }
        Suite suite = new Suite(options);
        Runtime.getRuntime().addShutdownHook(suite.shutdownHook);
        try {
            suite.keys = LocalKeys.ensure(options.keyDirectory());
            options.progress().accept((suite.keys.created() ? "Made the local signing key pair in "
                    : "Local signing key pair: ") + options.keyDirectory());
            suite.startInfrastructure();
            suite.startServices();
            suite.reportUnexpectedExits();
            return suite;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            suite.close();
            throw new SuiteStartException("interrupted while starting", e);
        } catch (RuntimeException | Error e) {
            suite.close();
            throw e;
        }
    }

    /** The run jars of the five services that are not there; empty when the suite can start. */
    public static List<Path> missingJars(Path repositoryRoot) {
        return ServiceSpec.ALL.stream()
                .map(spec -> spec.runJar(repositoryRoot))
                .filter(jar -> !Files.isRegularFile(jar))
                .toList();
    }

    /** The local key pair the gateway trusts; sign tokens for it with {@link LocalTokens}. */
    public LocalKeys keys() {
        return keys;
    }

    public String gatewayUrl() {
        return serviceUrl(ServiceSpec.GATEWAY.name());
    }

    /** {@code http://localhost:<port>} of a service, by module name ({@code recommender-service}). */
    public String serviceUrl(String name) {
        return options.ports().urlOf(ServiceSpec.named(name));
    }

    /** The services in start order, with their start-up time and memory. */
    public List<RunningService> services() {
        return Collections.unmodifiableList(services);
    }

    public RunningService service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running service named '" + name + "'"));
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** The JDBC URL of the server's administrative database; each service's own database is in {@link #databases()}. */
    public String postgresJdbcUrl() {
        return postgres.adminJdbcUrl();
    }

    /** Service name to the coordinates of the database it owns. */
    public Map<String, DatabaseCoordinates> databases() {
        return Collections.unmodifiableMap(databases);
    }

    public InfrastructureSettings infrastructure() {
        return options.infrastructure();
    }

    public Path logDirectory() {
        return options.logDirectory();
    }

    public boolean isClosing() {
        return closing;
    }

    /** Blocks until every service process has exited: after {@link #close()}, or because they all crashed. */
    public void awaitServicesExit() {
        CompletableFuture.allOf(services.stream().map(RunningService::onExit).toArray(CompletableFuture[]::new))
                .join();
    }

    private void startInfrastructure() {
        InfrastructureSettings settings = options.infrastructure();
        String mode = settings.external() ? "external" : "embedded";
        options.progress().accept("Starting " + mode + " Kafka and PostgreSQL ...");
        // Both log through SLF4J: initialise it here, not from two threads at once (SLF4J complains about that).
        LoggerFactory.getILoggerFactory();
        // Side by side: the broker and the database server take a few seconds each and do not depend on each other.
        CompletableFuture<KafkaBroker> kafkaStart = timed(() -> Infrastructure.kafka(settings),
                broker -> "Kafka       " + broker.bootstrapServers() + " (" + mode + "), topics in place");
        CompletableFuture<PostgresServer> postgresStart = timed(() -> Infrastructure.postgres(settings),
                server -> "PostgreSQL  " + server.host() + ":" + server.port() + " (" + mode + ")");
        RuntimeException failure = null;
        try {
            kafka = adopt(kafkaStart.join());
        } catch (CompletionException | SuiteStartException e) {
            failure = asRuntime(e);
        }
        try {
            postgres = adopt(postgresStart.join());
        } catch (CompletionException | SuiteStartException e) {
            failure = failure == null ? asRuntime(e) : failure;
        }
        if (failure != null) {
            throw new SuiteStartException("infrastructure did not start: " + failure.getMessage(), failure);
        }
        for (ServiceSpec spec : ServiceSpec.ALL) {
            spec.database().ifPresent(db ->
                    databases.put(spec.name(), DatabaseProvisioner.ensureDatabase(postgres, db)));
        }
        options.progress().accept("  Databases   " + String.join(", ",
                databases.values().stream().map(DatabaseCoordinates::database).toList()));
    }

    /** Runs {@code start} in the background and reports what it started, and how long that took. */
    private <T> CompletableFuture<T> timed(Supplier<T> start, Function<T, String> describe) {
        return CompletableFuture.supplyAsync(() -> {
            long begin = System.nanoTime();
            T started = start.get();
            options.progress().accept("  " + describe.apply(started) + " in "
                    + seconds(Duration.ofNanos(System.nanoTime() - begin)));
            return started;
        }, background);
    }

    private void startServices() throws InterruptedException {
        Path logs = options.logDirectory();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new SuiteStartException("cannot create the log folder " + logs + ": " + e.getMessage(), e);
        }
        options.progress().accept("Starting " + ServiceSpec.ALL.size() + " services"
                + (options.sequentialStart() ? " one after another" : "") + ", logs in " + logs + " ...");
        options.progress().accept("  Vision models: " + options.visionModels().description());
        ReadinessProbe probe = ReadinessProbe.standard();
        if (options.sequentialStart()) {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                RunningService service = launch(spec);
                check(service, service.awaitReady(probe, options.startTimeout()));
            }
            return;
        }
        ExecutorCompletionService<Map.Entry<RunningService, Readiness>> waits =
                new ExecutorCompletionService<>(background);
        List<Future<?>> pending = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            RunningService service = launch(spec);
            pending.add(waits.submit(() -> Map.entry(service, service.awaitReady(probe, options.startTimeout()))));
        }
        try {
            for (int i = 0; i < pending.size(); i++) {
                Map.Entry<RunningService, Readiness> outcome = waits.take().get();
                check(outcome.getKey(), outcome.getValue());
            }
        } catch (ExecutionException e) {
            throw new SuiteStartException("waiting for readiness failed: " + e.getCause(), e.getCause());
        } finally {
            pending.forEach(future -> future.cancel(true));
        }
    }

    private RunningService launch(ServiceSpec spec) {
        return launch(spec, spec.name() + ".log");
    }

    private RunningService launch(ServiceSpec spec, String logFileName) {
        PortPlan ports = options.ports();
        Path jar = spec.runJar(options.repositoryRoot());
        // The gateway verifies tokens with the local public key; ./backpack token signs them with its private twin.
        List<String> extra = new ArrayList<>(spec.equals(ServiceSpec.GATEWAY)
                ? LocalTokens.gatewayProperties(keys) : List.of());
        extra.addAll(ServiceCommandLine.blobProperties(spec, options.blobDirectory()));
        extra.addAll(options.traces().properties());
        extra.addAll(ServiceCommandLine.visionModelProperties(spec, options.visionModels(),
                options.configDirectory()));
        List<String> command = ServiceCommandLine.of(ServiceCommandLine.currentJava(), jar, spec, ports,
                kafka.bootstrapServers(), Optional.ofNullable(databases.get(spec.name())), extra);
        Path logFile = options.logDirectory().resolve(logFileName);
        synchronized (this) {
            if (closing) {
                throw new SuiteStartException("stopped while starting");
            }
            try {
                RunningService service = RunningService.launch(spec, ports.urlOf(spec), command,
                        options.repositoryRoot().resolve(spec.module()), logFile);
                services.add(service);
                return service;
            } catch (IOException e) {
                throw new SuiteStartException("cannot start " + spec.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private void check(RunningService service, Readiness readiness) {
        String reason;
        if (readiness instanceof Readiness.Died died) {
            reason = "exited with code " + service.exitCode().orElse(-1) + " after " + seconds(died.waited());
        } else if (readiness instanceof Readiness.TimedOut timedOut) {
            reason = "not ready after " + seconds(timedOut.waited()) + " (last answer: " + timedOut.lastAnswer() + ")";
        } else {
            reason = null;
        }
        if (reason == null) {
            options.progress().accept(String.format(Locale.ROOT, "  %-20s ready on %s in %s, RSS %s", service.name(),
                    service.url(), seconds(service.startupTime().orElseThrow()),
                    ResidentMemory.format(service.residentMemoryAtReady())));
            return;
        }
        options.progress().accept("  " + service.name() + " " + reason + "; last lines of " + service.logFile() + ":"
                + System.lineSeparator() + LogTail.indented(service.logFile(), LOG_TAIL_LINES));
        throw new SuiteStartException(service.name() + " " + reason + " (log: " + service.logFile() + ")");
    }

    /**
     * Kills a service without warning (SIGKILL, as when a JVM crashes or a pod is evicted) and starts it again on
     * the same port against the same broker and database; returns the new process once it is ready. For fault
     * tests: whatever the killed process had in flight must still be processed, exactly once.
     */
    public RunningService crashAndRestart(String name) throws InterruptedException {
        RunningService crashed = service(name);
        crashedOnPurpose.add(crashed);
        crashed.kill();
        if (!crashed.awaitExit(GRACEFUL_STOP)) {
            throw new SuiteStartException(name + " did not die after SIGKILL");
        }
        services.remove(crashed);
        options.progress().accept("  " + name + " killed (SIGKILL); starting it again ...");
        RunningService restarted = launch(crashed.spec(), crashed.spec().name() + "-restarted.log");
        check(restarted, restarted.awaitReady(ReadinessProbe.standard(), options.startTimeout()));
        watchForUnexpectedExit(restarted);
        return restarted;
    }

    /** A service that dies after start-up is reported with its log, unless the suite is being stopped. */
    private void reportUnexpectedExits() {
        services.forEach(this::watchForUnexpectedExit);
    }

    private void watchForUnexpectedExit(RunningService service) {
        // Ctrl-C reaches the services too, and they may exit a moment before the shutdown hook marks the suite as
        // closing: look again after a second before calling the exit unexpected.
        service.onExit().thenRunAsync(() -> {
            if (!closing && !crashedOnPurpose.contains(service)) {
                options.progress().accept(service.name() + " exited unexpectedly with code "
                        + service.exitCode().orElse(-1) + "; last lines of " + service.logFile() + ":"
                        + System.lineSeparator() + LogTail.indented(service.logFile(), LOG_TAIL_LINES));
            }
        }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, background));
    }

    /** Stops the services (SIGTERM, then SIGKILL after 10 s), then Kafka and PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook may be running this very method
            }
        }
        stopServices();
        stopInfrastructure();
        background.shutdownNow();
        options.progress().accept("Backpack stopped.");
    }

    private void stopServices() {
        if (services.isEmpty()) {
            return;
        }
        options.progress().accept("Stopping " + services.size() + " services ...");
        long begin = System.nanoTime();
        services.forEach(RunningService::requestStop);
        long deadline = begin + GRACEFUL_STOP.toNanos();
        List<String> killed = new ArrayList<>();
        for (RunningService service : services) {
            try {
                if (!service.awaitExit(Duration.ofNanos(deadline - System.nanoTime()))) {
                    service.kill();
                    killed.add(service.name());
                    service.awaitExit(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                service.kill();
                killed.add(service.name());
            }
        }
        options.progress().accept("  services stopped in " + seconds(Duration.ofNanos(System.nanoTime() - begin))
                + (killed.isEmpty() ? "" : "; killed after " + GRACEFUL_STOP.toSeconds() + " s: " + killed));
    }

    private void stopInfrastructure() {
        String verb = options.infrastructure().external() ? "disconnected (external, left running)" : "stopped";
        if (kafka != null) {
            kafka.close();
            options.progress().accept("  Kafka " + verb);
        }
        if (postgres != null) {
            postgres.close();
            options.progress().accept("  PostgreSQL " + verb);
        }
    }

    /** Keeps what was started so {@link #close()} stops it; if the suite is already closing, stops it now. */
    private synchronized <T extends AutoCloseable> T adopt(T resource) {
        if (closing) {
            try {
                resource.close();
            } catch (Exception e) {
                // best effort: we are shutting down anyway
            }
            throw new SuiteStartException("stopped while starting");
        }
        return resource;
    }

    private static RuntimeException asRuntime(RuntimeException e) {
        return e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
