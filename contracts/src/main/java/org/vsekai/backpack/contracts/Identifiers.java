package org.vsekai.backpack.contracts;

import java.util.Optional;

/**
 * What any identifier a client names may be: user, item, activity and scene ids alike. Such an id becomes a Kafka
 * key, a path segment and a database key as it crosses the suite, so every service and the gateway hold it to this
 * one rule:
 * <ul>
 *   <li>1 to {@value #MAX_LENGTH} characters (UTF-16 code units), not all of them white space;</li>
 *   <li>any Unicode character except control characters (category Cc: U+0000–U+001F, U+007F–U+009F), so an id
 *       may be an IRI ({@code https://example.org/items/1}) or a name in any script, but never split a log line,
 *       a header or a record key.</li>
 * </ul>
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 256;

    private Identifiers() {
    }

    /** Why {@code id} is not a valid identifier, in words that fit after the field's name; empty when it is. */
    public static Optional<String> problemWith(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    public static boolean isValid(String id) {
        return problemWith(id).isEmpty();
    }
}
