package org.vsekai.backpack.launcher;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.vsekai.backpack.launcher.bench.BenchCommand;
import org.vsekai.backpack.launcher.evaluate.EvaluateCommand;
import org.vsekai.backpack.launcher.token.TokenCommand;
import org.vsekai.backpack.launcher.up.UpCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./backpack <command> [options]}: the entry point of the launcher, one picocli command whose subcommands are
 * the commands. Exit codes: 0 done, 1 failed (one line on stderr), 2 usage error (the message, then the usage).
 */
@Command(name = "./backpack", customSynopsis = "./backpack <command> [options]",
        description = "Runs Backpack on this machine: the whole suite, a local bearer token, the offline evaluation"
                + " and the scale benchmark of the recommender models, and the benchmark of the vision models.",
        commandListHeading = "%nCommands:%n",
        subcommands = {UpCommand.class, TokenCommand.class, EvaluateCommand.class, BenchCommand.class,
                HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed; one line on stderr says why",
                "2:usage error; the message and the usage go to stderr",
                "130:./backpack up stopped by Ctrl-C (143 by SIGTERM)"},
        footer = {"", "./backpack <command> --help (or ./backpack help <command>) describes each option.",
                "The script also takes --rebuild (build before running, even when nothing changed), and passes -D and"
                        + " -X options to the launcher's JVM.",
                "Infrastructure is embedded (in-process Kafka, a local PostgreSQL) unless BACKPACK_INFRA=external"
                        + " (or -Dbackpack.infra=external); then BACKPACK_KAFKA_BOOTSTRAP, BACKPACK_POSTGRES_URL,"
                        + " BACKPACK_POSTGRES_USER and BACKPACK_POSTGRES_PASSWORD say where they are."})
public final class BackpackCommand implements Callable<Integer> {

    /** Set by the script to the checkout; the working directory otherwise. */
    public static final String ROOT_PROPERTY = "backpack.root";

    /** How the program names itself in error messages ({@code backpack up: ...}). */
    private static final String PROGRAM = "backpack";

    private static final int USAGE_WIDTH = 100;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs {@code ./backpack args}; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = writer(out);
        PrintWriter errWriter = writer(err);
        try {
            return commandLine(new BackpackCommand())
                    .setOut(outWriter)
                    .setErr(errWriter)
                    .setParameterExceptionHandler((e, arguments) -> usageError(e))
                    .setExecutionExceptionHandler((e, command, parsed) -> failure(e, command))
                    .execute(args.toArray(String[]::new));
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** Without a command: the usage, as {@code ./backpack help} prints it. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Reads {@code args} into {@code command} (a subcommand's object) with the converters and checks of
     * {@code ./backpack}, without running it.
     *
     * @throws UsageException with the message {@code ./backpack} would print
     */
    public static <T> T parse(T command, List<String> args) {
        parse(commandLine(command), args);
        return command;
    }

    /**
     * {@link #parse Parses} {@code args} into {@code command}, then runs it with {@code out} as its standard output;
     * usage errors and failures are thrown, not printed. For tests and callers that hold a command object.
     */
    public static int call(Callable<Integer> command, List<String> args, PrintStream out) throws Exception {
        PrintWriter writer = writer(out);
        try {
            parse(commandLine(command).setOut(writer), args);
            return command.call();
        } finally {
            writer.flush();
        }
    }

    /** The checkout that {@code ./backpack} runs in (relative paths and {@code .backpack/} are resolved in it). */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
    }

    /** The picocli command line for {@code command} as {@code ./backpack} sets it up. */
    private static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        describeTheSameWay(commandLine);
        return commandLine
                .setHelpFactory(BackpackHelp::new)
                .setUsageHelpWidth(USAGE_WIDTH)
                // A user id or a path may begin with '@'; picocli would read it as a file of arguments.
                .setExpandAtFiles(false)
                // As before picocli: the last of a repeated option wins.
                .setOverwrittenOptionsAllowed(true);
    }

    /** Every command gets {@code -h, --help} (picocli's help command has its own) and the same headings. */
    private static void describeTheSameWay(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Print this help and exit.").build());
        }
        spec.usageMessage().parameterListHeading("%nArguments:%n").optionListHeading("%nOptions:%n");
        commandLine.getSubcommands().values().forEach(BackpackCommand::describeTheSameWay);
    }

    private static void parse(CommandLine commandLine, List<String> args) {
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw UsageException.of(e);
        }
    }

    private static int usageError(ParameterException e) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(prefix(command) + ": " + UsageException.of(e).getMessage());
        command.usage(command.getErr());
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine command) {
        command.getErr().println(prefix(command) + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** {@code backpack}, {@code backpack <command>} or {@code backpack bench vision}: whose complaint a message is. */
    private static String prefix(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        return PROGRAM + spec.qualifiedName(" ").substring(spec.root().name().length());
    }

    /** A writer onto {@code stream} that leaves the encoding to the stream (Java 17 cannot ask it for its charset). */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                stream.append(CharBuffer.wrap(text, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }
}
