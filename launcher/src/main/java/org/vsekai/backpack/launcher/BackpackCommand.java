package org.vsekai.backpack.launcher;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.vsekai.backpack.launcher.bench.BenchCommand;
import org.vsekai.backpack.launcher.evaluate.EvaluateCommand;
import org.vsekai.backpack.launcher.token.TokenCommand;
import org.vsekai.backpack.launcher.up.UpCommand;

/** {@code ./backpack <command> [options]}: the entry point of the launcher; each command is a {@link Subcommand}. */
public final class BackpackCommand {

    /** Every command, in the order the usage lists them. */
    static final List<Subcommand> COMMANDS = List.of(new UpCommand(), new TokenCommand(), new EvaluateCommand(),
            new BenchCommand());

    private BackpackCommand() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            out.print(usage());
            return 0;
        }
        Optional<Subcommand> command = COMMANDS.stream().filter(c -> c.name().equals(args.get(0))).findFirst();
        if (command.isEmpty()) {
            err.println("backpack: unknown command '" + args.get(0) + "'");
            err.print(usage());
            return 2;
        }
        try {
            return command.get().run(args.subList(1, args.size()), out);
        } catch (UsageException e) {
            err.println("backpack " + command.get().name() + ": " + e.getMessage());
            err.print(usage());
            return 2;
        } catch (Exception e) {
            err.println("backpack " + command.get().name() + ": " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        StringBuilder text = new StringBuilder("Usage: ./backpack <command> [options]\n\nCommands:\n");
        for (Subcommand command : COMMANDS) {
            text.append("  ").append(command.name());
            if (!command.arguments().isEmpty()) {
                text.append(' ').append(command.arguments());
            }
            text.append("\n      ").append(command.summary()).append('\n');
        }
        text.append("""
                  help
                      Print this text.

                The script also takes --rebuild (build before running, even when nothing changed).
                Infrastructure is embedded (in-process Kafka, a local PostgreSQL) unless BACKPACK_INFRA=external
                (or -Dbackpack.infra=external); then BACKPACK_KAFKA_BOOTSTRAP, BACKPACK_POSTGRES_URL,
                BACKPACK_POSTGRES_USER and BACKPACK_POSTGRES_PASSWORD say where they are.
                """);
        return text.toString();
    }
}
