package org.vsekai.backpack.launcher.token;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.UsageException;
import org.vsekai.backpack.launcher.suite.SuiteOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./backpack token <user> [--admin] [--ttl 1h]}: prints a bearer token for {@code user}, signed with the
 * local key that {@code ./backpack up} hands the gateway, so a newcomer can call the API at once. Only for the
 * embedded set-up: in production tokens come from the identity provider.
 */
@Command(name = "token", description = "Print a bearer token for <user> (roles user, and admin with --admin), signed"
        + " with the local key that ./backpack up uses, in .backpack/keys.")
public final class TokenCommand implements Callable<Integer> {

    static final Duration MAX_TTL = Duration.ofDays(30);
    static final String DEFAULT_TTL_TEXT = "12h";
    static final Duration DEFAULT_TTL = new Ttl().convert(DEFAULT_TTL_TEXT);

    private final Path repositoryRoot;
    private final Clock clock;
    private final Consumer<String> notes;

    @Spec
    CommandSpec spec;

    // Optional to picocli so that a missing user gets this command's own message; the synopsis shows it required.
    @Parameters(paramLabel = "<user>", arity = "0..1", hideParamSyntax = true, converter = UserId.class,
            description = "The user id, the token's subject: 1 to " + Identifiers.MAX_LENGTH + " characters, no"
                    + " control characters (contracts.Identifiers).")
    String user;

    @Option(names = "--admin", description = "Add the role admin (training, anyone's data) to the role user.")
    boolean admin;

    @Option(names = "--ttl", paramLabel = DEFAULT_TTL_TEXT, converter = Ttl.class, defaultValue = DEFAULT_TTL_TEXT,
            description = "How long the token is valid: 90s, 30m, 12h, 7d or ISO-8601 (PT1H); at most 30 days"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    public TokenCommand() {
        this(BackpackCommand.repositoryRoot(), Clock.systemUTC(), System.err::println);
    }

    TokenCommand(Path repositoryRoot, Clock clock, Consumer<String> notes) {
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        this.clock = clock;
        this.notes = notes;
    }

    @Override
    public Integer call() {
        if (user == null) {
            throw new UsageException(spec.commandLine(), "name the user the token is for, e.g. ./backpack token alice");
        }
        Path directory = SuiteOptions.defaults(repositoryRoot).keyDirectory();
        LocalKeys keys = LocalKeys.ensure(directory);
        if (keys.created()) {
            notes.accept("backpack token: made a new local key pair in " + directory + "; a gateway that is already "
                    + "running knows the old one: restart ./backpack up");
        }
        spec.commandLine().getOut().println(new LocalTokens(keys).sign(user, admin, ttl, clock.instant()));
        return 0;
    }

    /** The suite's one rule for identifiers ({@link Identifiers}): {@code <user> must not be blank}. */
    static final class UserId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            Identifiers.problemWith(value).ifPresent(problem -> {
                throw new TypeConversionException(problem);
            });
            return value;
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code PT1H}); positive, at most 30 days. */
    static final class Ttl implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
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
                    throw new TypeConversionException(notADuration(text));
                }
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                throw new TypeConversionException(notADuration(text));
            }
            if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
                throw new TypeConversionException("must be positive and at most 30 days");
            }
            return ttl;
        }

        private static String notADuration(String text) {
            return "takes a duration like 30m, 12h or 7d, not '" + text + "'";
        }
    }
}
