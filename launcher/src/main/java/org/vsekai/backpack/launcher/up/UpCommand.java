package org.vsekai.backpack.launcher.up;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.suite.PortPlan;
import org.vsekai.backpack.launcher.suite.ReadinessProbe;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.suite.SuiteOptions;
import org.vsekai.backpack.launcher.suite.SuiteStartException;
import org.vsekai.backpack.launcher.suite.TraceExport;
import org.vsekai.backpack.launcher.suite.VisionModels;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./backpack up}: the whole suite on this machine until Ctrl-C. */
@Command(name = "up", description = "Run Kafka, PostgreSQL and the five services on ports N to N+4 (default "
        + PortPlan.DEFAULT_BASE_PORT + ") until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    private static final String SLF4J_LOG_FILE = "org.slf4j.simpleLogger.logFile";

    @Spec
    CommandSpec spec;

    @Option(names = "--base-port", paramLabel = "N", converter = BasePort.class,
            defaultValue = "" + PortPlan.DEFAULT_BASE_PORT,
            description = "The gateway's port; ingest, metadata, vision and recommender take the next four "
                    + "(default: ${DEFAULT-VALUE}).")
    PortPlan ports;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", converter = NumberOptions.Seconds.class,
            defaultValue = "" + SuiteOptions.DEFAULT_START_TIMEOUT_SECONDS,
            description = "How long each service may take from process start to ready (default: ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Option(names = "--sequential",
            description = "Start one service after another, for start-up times not blurred by the others.")
    boolean sequential;

    @Option(names = "--vision-models", paramLabel = "FILE",
            description = "A properties file of backpack.vision.models.<name>.<key> entries (vision-service/README.md) "
                    + "for the vision-service to load instead of the standard ones (PaddleOCR's text detector on "
                    + "every frame when ../shared/data/models has it, else none).")
    Path visionModels;

    @Option(names = "--traces", paramLabel = "FILE|URL",
            description = "Export every service's spans: to a local FILE (OTLP/JSON, one export per line, appended) "
                    + "or to the OTLP collector at an http(s) URL (see --traces-protocol). Default: not exported.")
    String traces;

    @Option(names = "--traces-protocol", paramLabel = "PROTOCOL", defaultValue = "grpc",
            description = "The OTLP protocol of a --traces URL: grpc (usually port 4317) or http/protobuf (4318; "
                    + "the URL then ends in /v1/traces). Default: ${DEFAULT-VALUE}.")
    String tracesProtocol;

    /** A number, then {@link PortPlan}'s rule that the suite's ports fit below 65536. */
    static final class BasePort implements ITypeConverter<PortPlan> {
        @Override
        public PortPlan convert(String value) {
            return new PortPlan(new NumberOptions.Whole().convert(value));
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SuiteOptions options = SuiteOptions.defaults(BackpackCommand.repositoryRoot())
                .withBasePort(ports.basePort())
                .withStartTimeout(startTimeout)
                .withSequentialStart(sequential)
                .withProgress(out::println);
        if (visionModels != null) {
            if (!Files.isRegularFile(visionModels)) {
                out.println("Backpack did not start: no vision models file " + visionModels.toAbsolutePath());
                return 1;
            }
            try {
                options = options.withVisionModels(VisionModels.fromFile(visionModels));
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                out.println("Backpack did not start: " + e.getMessage());
                return 1;
            }
        }
        if (traces != null) {
            try {
                options = options.withTraces(TraceExport.parse(traces, tracesProtocol));
            } catch (IllegalArgumentException e) {
                out.println("Backpack did not start: " + e.getMessage());
                return 1;
            }
        }
        routeInfrastructureLogs(options.logDirectory(), out);
        long begin = System.nanoTime();
        Suite suite;
        try {
            suite = Suite.start(options);
        } catch (SuiteStartException e) {
            out.println();
            out.println("Backpack did not start: " + e.getMessage());
            return 1;
        }
        AtomicInteger signalExitCode = new AtomicInteger(); // 128 + the signal, as a shell reports it
        stopOnSignals(suite, signalExitCode);
        out.println();
        out.print(SuiteOverview.render(suite, ReadinessProbe.standard()::status, System.nanoTime() - begin,
                sequential, options.traces()));
        out.flush();
        suite.awaitServicesExit();
        boolean stopRequested = signalExitCode.get() != 0 || suite.isClosing();
        if (!stopRequested) {
            out.println("Every service has exited; stopping Kafka and PostgreSQL.");
        }
        suite.close(); // when a signal started the close, this waits for it to finish
        return stopRequested ? signalExitCode.get() : 1;
    }

    /**
     * Ctrl-C (and SIGTERM) stop the suite in order before the JVM begins to shut down. In JVM shutdown every hook
     * runs at once, and one of Kafka's test kit deletes the broker's data folder while the broker is still being
     * stopped, which fills infra.log with errors. The suite's own shutdown hook still covers the other exits.
     */
    private static void stopOnSignals(Suite suite, AtomicInteger signalExitCode) {
        for (String name : new String[] {"INT", "TERM"}) {
            int exitCode = 128 + ("INT".equals(name) ? 2 : 15);
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    signalExitCode.set(exitCode);
                    suite.close();
                });
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (-Xrs) or the platform lacks it: the shutdown hook remains
            }
        }
    }

    /**
     * The embedded broker and database server log through SLF4J; into a file, so the console shows only the
     * summary. Must run before anything creates a logger.
     */
    private static void routeInfrastructureLogs(Path logDirectory, PrintWriter out) throws IOException {
        if (System.getProperty(SLF4J_LOG_FILE) == null) {
            Files.createDirectories(logDirectory);
            Path infraLog = logDirectory.resolve("infra.log");
            System.setProperty(SLF4J_LOG_FILE, infraLog.toString());
            out.println("Infrastructure log: " + infraLog);
        }
    }
}
