package org.vsekai.backpack.launcher.token;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.vsekai.backpack.launcher.Subcommand;
import org.vsekai.backpack.launcher.UsageException;
import org.vsekai.backpack.launcher.suite.SuiteOptions;
import org.vsekai.backpack.launcher.up.UpCommand;

/**
 * {@code ./backpack token <user> [--admin] [--ttl 1h]}: prints a bearer token for {@code user}, signed with the
 * local key that {@code ./backpack up} hands the gateway, so a newcomer can call the API at once. Only for the
 * embedded set-up: in production tokens come from the identity provider.
 */
public final class TokenCommand implements Subcommand {

    static final Duration DEFAULT_TTL = Duration.ofHours(12);
    static final Duration MAX_TTL = Duration.ofDays(30);
    private static final int MAX_USER_LENGTH = 256;

    private final Path repositoryRoot;
    private final Clock clock;
    private final Consumer<String> notes;

    public TokenCommand() {
        this(Path.of(System.getProperty(UpCommand.ROOT_PROPERTY, ".")), Clock.systemUTC(), System.err::println);
    }

    TokenCommand(Path repositoryRoot, Clock clock, Consumer<String> notes) {
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        this.clock = clock;
        this.notes = notes;
    }

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String arguments() {
        return "<user> [--admin] [--ttl 12h]";
    }

    @Override
    public String summary() {
        return "Print a bearer token for <user> (roles user, and admin with --admin), signed with the local key of "
                + "./backpack up (.backpack/keys).";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws UsageException {
        String user = null;
        boolean admin = false;
        Duration ttl = DEFAULT_TTL;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--admin")) {
                admin = true;
            } else if (arg.equals("--ttl") || arg.startsWith("--ttl=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < args.size() ? args.get(++i) : null;
                if (value == null) {
                    throw new UsageException("--ttl needs a value, e.g. 30m, 12h or 7d");
                }
                ttl = parseTtl(value);
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + arg + "'");
            } else if (user == null) {
                user = arg;
            } else {
                throw new UsageException("one user only, not '" + user + "' and '" + arg + "'");
            }
        }
        if (user == null || user.isBlank()) {
            throw new UsageException("name the user the token is for, e.g. ./backpack token alice");
        }
        if (user.length() > MAX_USER_LENGTH || user.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("a user id is at most " + MAX_USER_LENGTH + " characters, without control "
                    + "characters");
        }
        Path directory = SuiteOptions.defaults(repositoryRoot).keyDirectory();
        LocalKeys keys = LocalKeys.ensure(directory);
        if (keys.created()) {
            notes.accept("backpack token: made a new local key pair in " + directory + "; a gateway that is already "
                    + "running knows the old one: restart ./backpack up");
        }
        out.println(new LocalTokens(keys).sign(user, admin, ttl, clock.instant()));
        return 0;
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code PT1H}). */
    static Duration parseTtl(String text) throws UsageException {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration ttl;
        try {
            if (value.startsWith("p")) {
                ttl = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else if (value.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                ttl = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                throw new UsageException("--ttl takes a duration like 30m, 12h or 7d, not '" + text + "'");
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new UsageException("--ttl takes a duration like 30m, 12h or 7d, not '" + text + "'");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new UsageException("--ttl must be positive and at most 30 days");
        }
        return ttl;
    }
}
