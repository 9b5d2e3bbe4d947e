package org.vsekai.backpack.launcher.up;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.vsekai.backpack.launcher.Subcommand;
import org.vsekai.backpack.launcher.UsageException;
import org.vsekai.backpack.launcher.suite.ReadinessProbe;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.suite.SuiteOptions;
import org.vsekai.backpack.launcher.suite.SuiteStartException;

/** {@code ./backpack up}: the whole suite on this machine until Ctrl-C. */
public final class UpCommand implements Subcommand {

    /** Set by the script to the checkout; the working directory otherwise. */
    public static final String ROOT_PROPERTY = "backpack.root";

    private static final String SLF4J_LOG_FILE = "org.slf4j.simpleLogger.logFile";

    @Override
    public String name() {
        return "up";
    }

    @Override
    public String arguments() {
        return UpOptions.ARGUMENTS;
    }

    @Override
    public String summary() {
        return "Run Kafka, PostgreSQL and the five services on ports N to N+4 (default 8080) until Ctrl-C.";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws UsageException, IOException {
        UpOptions up = UpOptions.parse(args);
        SuiteOptions options = SuiteOptions.defaults(repositoryRoot())
                .withBasePort(up.basePort())
                .withStartTimeout(up.startTimeout())
                .withSequentialStart(up.sequential())
                .withProgress(out::println);
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
                up.sequential()));
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

    private static Path repositoryRoot() {
        return Path.of(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
    }

    /**
     * The embedded broker and database server log through SLF4J; into a file, so the console shows only the
     * summary. Must run before anything creates a logger.
     */
    private static void routeInfrastructureLogs(Path logDirectory, PrintStream out) throws IOException {
        if (System.getProperty(SLF4J_LOG_FILE) == null) {
            Files.createDirectories(logDirectory);
            Path infraLog = logDirectory.resolve("infra.log");
            System.setProperty(SLF4J_LOG_FILE, infraLog.toString());
            out.println("Infrastructure log: " + infraLog);
        }
    }
}
