package org.vsekai.backpack.launcher;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for options that take a number. Digits may be grouped with {@code _} or {@code ,}
 * ({@code 200_000}, {@code 200,000}); a message reads after the option's name ({@link UsageException#of}).
 */
public final class NumberOptions {

    private NumberOptions() {
    }

    /** Any whole number: {@code --base-port takes a number, not 'http'}. */
    public static final class Whole implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, "a number");
        }
    }

    /** A whole number above zero: {@code --users takes a positive number, not '0'}. */
    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return positive(value, "a positive number");
        }
    }

    /** A whole, positive number of seconds: {@code --start-timeout takes a positive number of seconds, not '0'}. */
    public static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofSeconds(positive(value, "a positive number of seconds"));
        }
    }

    private static int positive(String value, String what) {
        int number = parse(value, what);
        if (number <= 0) {
            throw new TypeConversionException("takes " + what + ", not '" + value + "'");
        }
        return number;
    }

    private static int parse(String value, String what) {
        try {
            return Integer.parseInt(value.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("takes " + what + ", not '" + value + "'");
        }
    }
}
