package org.vsekai.backpack.launcher;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code ./backpack <name>} command. A new command is one class implementing this, listed in
 * {@link BackpackCommand#COMMANDS}.
 */
public interface Subcommand {

    /** The word after {@code ./backpack}. */
    String name();

    /** The arguments it takes, e.g. {@code [--base-port N]}; empty when none. */
    String arguments();

    /** One line saying what it does. */
    String summary();

    /**
     * Runs the command; returns the process exit code.
     *
     * @throws UsageException when the arguments are wrong; the usage is printed with the message
     */
    int run(List<String> args, PrintStream out) throws Exception;
}
