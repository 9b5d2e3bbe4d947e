package org.vsekai.backpack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vsekai.backpack.contracts.Identifiers;

import picocli.CommandLine;

class BackpackCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryCommandWithItsArguments() {
        int code = run("help");

        assertThat(code).isZero();
        assertThat(text(out)).startsWith("Usage: ./backpack <command>")
                .contains("  up [--base-port N] [--start-timeout SECONDS] [--sequential]")
                .contains("  token <user> [--admin] [--ttl 12h]")
                .contains("  evaluate [--data PATH] [--train PATH --test PATH] [--algorithms a,b] [--tune]")
                .contains("BACKPACK_INFRA=external");
        assertThat(run()).isZero();
        assertThat(run("--help")).isZero();
    }

    @Test
    void theHelpListsTheVisionTargetOfBench() {
        String visionSynopsis = "vision [--runs N] [--frames N] [--no-kafka]";

        assertThat(run("help")).isZero();
        assertThat(text(out)).contains("\n  bench [recommender] [--users N]", "\n  bench " + visionSynopsis + "\n",
                "Benchmark the vision models");
        out.reset();
        assertThat(run("bench", "--help")).isZero();
        assertThat(text(out)).contains("\nOther targets:\n", "\n  " + visionSynopsis + "\n", "[recommender]",
                "The recommender models, also when no target is named.");
        out.reset();
        assertThat(run("bench", "vision", "--help")).isZero();
        assertThat(text(out)).startsWith("Usage: ./backpack bench " + visionSynopsis + "\n")
                .contains("      --runs N", "(default: 200)", "      --frames N", "(default: 400)", "      --no-kafka",
                        "  -h, --help");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void anUnknownCommandPrintsTheUsageAndFails() {
        int code = run("deploy");

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).startsWith("backpack: unknown command 'deploy'").contains("Usage: ./backpack");
    }

    @Test
    void aWrongOptionNamesTheCommandAndPrintsTheUsage() {
        int code = run("up", "--base-port", "eighty");

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).startsWith("backpack up: --base-port takes a number, not 'eighty'")
                .contains("Usage: ./backpack");
    }

    @Test
    void commandNamesAreUnique() {
        // picocli refuses a second command of the same name when it builds the command line; help is picocli's own.
        Collection<CommandLine> commands = new CommandLine(new BackpackCommand()).getSubcommands().values();

        assertThat(commands).filteredOn(command -> !(command.getCommand() instanceof CommandLine.HelpCommand))
                .extracting(CommandLine::getCommandName).doesNotHaveDuplicates()
                .containsExactly("up", "token", "evaluate", "bench").doesNotContain("help");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            up       | --base-port N | --start-timeout SECONDS | --sequential | (default: 8080)
            token    | <user>        | --admin                 | --ttl 12h    | (default: 12h)
            evaluate | --data PATH   | --train PATH            | --test PATH  | itemcf-cosine
            bench    | --users N     | --algorithms a,b        | --neighbours N | (default: 5,000,000)
            """)
    void eachCommandHasGeneratedHelpWithEveryOption(String command, String first, String second, String third,
            String detail) {
        int code = run(command, "--help");

        assertThat(code).isZero();
        assertThat(text(err)).isEmpty();
        String help = text(out);
        assertThat(help).startsWith("Usage: ./backpack " + command + " ");
        String synopsis = synopsis(help);
        assertThat(synopsis).contains(first, second, third).doesNotContain("-h");
        // Each argument described below the description (in picocli's long-option column), -h, --help there only.
        assertThat(help.substring(help.indexOf("\n\n"))).contains("      " + first, "      " + second,
                "      " + third, detail, "  -h, --help");
        // The same text three ways: ./backpack <command> --help, ./backpack <command> -h, ./backpack help <command>.
        for (List<String> other : List.of(List.of(command, "-h"), List.of("help", command))) {
            out.reset();
            assertThat(run(other.toArray(String[]::new))).isZero();
            assertThat(text(out)).as(other.toString()).isEqualTo(help);
        }
    }

    @Test
    void theTopLevelHelpShowsEachCommandsSynopsisAsItsOwnHelpDoes() {
        run("help");
        String overview = text(out);

        for (String command : List.of("up", "token", "evaluate", "bench", "bench vision", "bench gateway", "bench pose")) {
            out.reset();
            run((command + " --help").split(" "));
            String synopsis = synopsis(text(out));
            assertThat(overview.replaceAll("\\s+", " ")).as(command).contains(" " + synopsis + " ");
            assertThat(overview).contains("\n  " + synopsis.substring(0, Math.min(synopsis.length(), 60)));
        }
        assertThat(overview).contains("  help [COMMAND]", "Exit codes:", "--rebuild");
    }

    @Test
    void theScriptsOwnUsageShowsTheSameSynopses() throws IOException {
        // Surefire runs in the module's folder; the script is at the repository's root.
        String script = Files.readString(Path.of("").toAbsolutePath().resolveSibling("backpack"));

        for (String command : List.of("up", "token", "evaluate", "bench", "bench vision", "bench gateway", "bench pose")) {
            out.reset();
            run((command + " --help").split(" "));
            assertThat(script).as(command).contains("\n  " + synopsis(text(out)) + "\n");
        }
        assertThat(script).contains("\n  help [COMMAND]\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            up --start-timeout 0                 | backpack up: --start-timeout takes a positive number of seconds, not '0'
            up --base-port=70000                 | backpack up: base port must be between 1 and 65531, not 70000
            token alice --ttl 31d                | backpack token: --ttl must be positive and at most 30 days
            token alice --ttl soon               | backpack token: --ttl takes a duration like 30m, 12h or 7d, not 'soon'
            evaluate --algorithms ease,svd       | backpack evaluate: --algorithms names an unknown algorithm 'svd'; known: 
            evaluate --train a.tsv               | backpack evaluate: --train and --test go together
            evaluate --train a.tsv --test        | backpack evaluate: --test needs a value
            evaluate --algorithms ease,,ials     | backpack evaluate: --algorithms takes a comma-separated list of popularity,
            bench --users 0                      | backpack bench: --users takes a positive number, not '0'
            bench --algorithms ials,ease         | backpack bench: --algorithms cannot take ease: its dense item×item matrix
            bench --queries                      | backpack bench: --queries needs a value
            bench vision --frames 0              | backpack bench vision: --frames takes a positive number, not '0'
            bench visoin                         | backpack bench: unknown target 'visoin'; ./backpack bench --help lists them
            """)
    void aBadOptionValueOfEachCommandIsAUsageErrorWithThatCommandsUsage(String arguments, String message) {
        String[] args = arguments.split(" ");

        int code = run(args);

        assertThat(code).isEqualTo(2);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).startsWith(message).contains("\nUsage: ./backpack " + args[0] + " ");
    }

    @Test
    void aUserIdFollowsTheSuitesIdentifierRule() {
        assertThat(run("token", "x".repeat(Identifiers.MAX_LENGTH + 1))).isEqualTo(2);
        assertThat(text(err)).startsWith("backpack token: <user> must be at most 256 characters long");
        err.reset();
        assertThat(run("token", "al\u0007ice")).isEqualTo(2);
        assertThat(text(err)).startsWith("backpack token: <user> must not contain control characters");
        err.reset();
        assertThat(run("token", "--admin")).isEqualTo(2);
        assertThat(text(err)).startsWith("backpack token: name the user the token is for");
    }

    @Test
    void aFailureIsOneLineOnStderrAndExitCodeOne(@TempDir Path directory) {
        Path missing = directory.resolve("ratings.tsv");

        int code = run("evaluate", "--data", missing.toString());

        assertThat(code).isEqualTo(1);
        assertThat(text(err)).isEqualTo("backpack evaluate: no ratings file at " + missing + System.lineSeparator());
    }

    @Test
    void tokenPrintsTheTokenAloneOnStdout(@TempDir Path directory) {
        String before = System.getProperty(BackpackCommand.ROOT_PROPERTY);
        System.setProperty(BackpackCommand.ROOT_PROPERTY, directory.toString());
        try {
            int code = run("token", "alice", "--ttl", "1h");

            assertThat(code).isZero();
            assertThat(text(out)).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
            assertThat(directory.resolve(".backpack/keys/private.pem")).exists();
        } finally {
            if (before == null) {
                System.clearProperty(BackpackCommand.ROOT_PROPERTY);
            } else {
                System.setProperty(BackpackCommand.ROOT_PROPERTY, before);
            }
        }
    }

    @Test
    void anUnknownTopLevelOptionIsAUsageError() {
        assertThat(run("--verbose", "up")).isEqualTo(2);
        assertThat(text(err)).startsWith("backpack: unknown option '--verbose'").contains("Usage: ./backpack <command>");
    }

    private int run(String... args) {
        return BackpackCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** {@code up [--base-port N] ...}: the synopsis of a command's help, on one line. */
    private static String synopsis(String help) {
        List<String> lines = help.lines().toList();
        StringBuilder synopsis = new StringBuilder(lines.get(0).substring("Usage: ./backpack ".length()));
        for (int i = 1; i < lines.size() && lines.get(i).startsWith(" "); i++) {
            synopsis.append(' ').append(lines.get(i).trim());
        }
        return synopsis.toString().replaceAll("\\s+", " ");
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
