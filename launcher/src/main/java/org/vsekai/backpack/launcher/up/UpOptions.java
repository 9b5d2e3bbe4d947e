package org.vsekai.backpack.launcher.up;

import java.time.Duration;
import java.util.List;

import org.vsekai.backpack.launcher.UsageException;
import org.vsekai.backpack.launcher.suite.PortPlan;
import org.vsekai.backpack.launcher.suite.SuiteOptions;

/** The arguments of {@code ./backpack up}. */
record UpOptions(int basePort, Duration startTimeout, boolean sequential) {

    static final String ARGUMENTS = "[--base-port N] [--start-timeout SECONDS] [--sequential]";

    static UpOptions parse(List<String> args) throws UsageException {
        int basePort = PortPlan.DEFAULT_BASE_PORT;
        Duration startTimeout = SuiteOptions.DEFAULT_START_TIMEOUT;
        boolean sequential = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--base-port" -> {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : value(args, ++i, name);
                    basePort = number(name, value);
                    try {
                        new PortPlan(basePort);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--start-timeout" -> {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : value(args, ++i, name);
                    int seconds = number(name, value);
                    if (seconds <= 0) {
                        throw new UsageException("--start-timeout must be a positive number of seconds");
                    }
                    startTimeout = Duration.ofSeconds(seconds);
                }
                case "--sequential" -> sequential = true;
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return new UpOptions(basePort, startTimeout, sequential);
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int number(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a number, not '" + value + "'");
        }
    }
}
