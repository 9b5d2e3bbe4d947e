package org.vsekai.backpack.launcher.bench;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.suite.FreePorts;
import org.vsekai.backpack.launcher.suite.PortPlan;
import org.vsekai.backpack.launcher.suite.SuiteOptions;

/** What every benchmark that starts its own suite shares: free ports beside a running one, and its own logs. */
final class BenchSuites {

    private BenchSuites() {
    }

    /** The suite's options: the repository's defaults on free ports, logs under .backpack/bench-logs, progress to out. */
    static SuiteOptions options(PrintWriter out) {
        Path root = BackpackCommand.repositoryRoot();
        return SuiteOptions.defaults(root)
                .withBasePort(FreePorts.findConsecutive(28080, PortPlan.span()))
                .withLogDirectory(root.resolve(".backpack/bench-logs"))
                .withProgress(line -> out.println("[suite] " + line));
    }

    /** A prefix for this run's ids, so that runs against one database never share users, items or scenes. */
    static String runPrefix() {
        return "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }
}
