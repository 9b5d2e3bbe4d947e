package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service's process, its log, and the figures measured while it came up. */
public final class RunningService {

    private final ServiceSpec spec;
    private final String url;
    private final Path logFile;
    private final Process process;
    private final long startedNanos;
    private volatile Duration startupTime;
    private volatile OptionalLong residentMemoryAtReady = OptionalLong.empty();

    private RunningService(ServiceSpec spec, String url, Path logFile, Process process, long startedNanos) {
        this.spec = spec;
        this.url = url;
        this.logFile = logFile;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts the process with stdout and stderr both going to {@code logFile} (truncated first). */
    static RunningService launch(ServiceSpec spec, String url, List<String> command, Path workingDirectory,
                                 Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        long started = System.nanoTime();
        return new RunningService(spec, url, logFile, builder.start(), started);
    }

    /** Waits for the readiness endpoint; on success records the start-up time and the resident memory. */
    Readiness awaitReady(ReadinessProbe probe, Duration timeout) throws InterruptedException {
        Readiness readiness = probe.await(URI.create(url + ReadinessProbe.READY_PATH), process::isAlive, timeout);
        if (readiness instanceof Readiness.Ready) {
            startupTime = Duration.ofNanos(System.nanoTime() - startedNanos);
            residentMemoryAtReady = residentMemoryNow();
        }
        return readiness;
    }

    public String name() {
        return spec.name();
    }

    public ServiceSpec spec() {
        return spec;
    }

    /** {@code http://localhost:<port>}. */
    public String url() {
        return url;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    /** From process start to the first 200 from {@code /q/health/ready}; empty until then. */
    public Optional<Duration> startupTime() {
        return Optional.ofNullable(startupTime);
    }

    /** Resident memory read right after the service became ready. */
    public OptionalLong residentMemoryAtReady() {
        return residentMemoryAtReady;
    }

    public OptionalLong residentMemoryNow() {
        return ResidentMemory.ofProcess(process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or empty while it runs. */
    public OptionalLong exitCode() {
        return process.isAlive() ? OptionalLong.empty() : OptionalLong.of(process.exitValue());
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** SIGTERM: Quarkus stops accepting requests, finishes in-flight work and closes its Kafka clients. */
    void requestStop() {
        process.destroy();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    void kill() {
        process.destroyForcibly();
    }
}
