package org.vsekai.backpack.launcher;

import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Wrong arguments, with the one-line message printed after {@code backpack <command>: } (the usage follows it).
 * Commands throw it for checks picocli cannot make; {@link #of} words picocli's own errors the same way.
 */
public final class UsageException extends ParameterException {

    public UsageException(CommandLine commandLine, String message) {
        super(commandLine, message);
    }

    private UsageException(ParameterException cause, String message) {
        super(cause.getCommandLine(), message, cause);
    }

    /**
     * {@code e} in the launcher's words: {@code --base-port takes a number, not 'http'} (a converter's message follows
     * the option's name; a value type's {@link IllegalArgumentException} stands as it is), {@code --data needs a
     * value}, {@code --train and --test go together}, {@code unknown option '--port'}, {@code unknown command 'x'}.
     */
    public static UsageException of(ParameterException e) {
        if (e instanceof UsageException usage) {
            return usage;
        }
        return new UsageException(e, message(e));
    }

    private static String message(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() != null) {
            return name(e.getArgSpec()) + " " + conversion.getMessage();
        }
        if (e.getCause() instanceof IllegalArgumentException rule && rule.getMessage() != null) {
            return rule.getMessage(); // a domain type's own rule, e.g. PortPlan's range, says what it checks
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            List<ArgSpec> args = missing.getMissing();
            ArgSpec first = args.get(0);
            ArgGroupSpec group = first.group();
            if (args.size() > 1 && group != null && !group.exclusive()) { // a group given in part names all its args
                return args.stream().map(UsageException::name).collect(Collectors.joining(" and ")) + " go together";
            }
            // One option missing is one given without its value: no option of ./backpack is required on its own
            // (a command that needs an argument checks it with its own message, like token's <user>).
            return first.isOption() ? name(first) + " needs a value" : "missing " + name(first);
        }
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            if (argument.startsWith("-")) {
                return "unknown option '" + argument + "'";
            }
            return (e.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument '" : "unknown command '")
                    + argument + "'";
        }
        return e.getMessage();
    }

    /** {@code --base-port} for an option, {@code <user>} for a positional parameter. */
    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : ((PositionalParamSpec) arg).paramLabel();
    }
}
