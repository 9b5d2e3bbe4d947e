package org.vsekai.backpack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

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
        assertThat(BackpackCommand.COMMANDS).extracting(Subcommand::name).doesNotHaveDuplicates()
                .doesNotContain("help");
    }

    private int run(String... args) {
        return BackpackCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
