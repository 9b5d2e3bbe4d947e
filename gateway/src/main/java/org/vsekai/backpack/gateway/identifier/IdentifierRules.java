package org.vsekai.backpack.gateway.identifier;

import java.util.Optional;

import org.vsekai.backpack.gateway.config.GatewayConfig;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What any id a client hands the gateway must be (activity, user and item ids): it becomes a Kafka key, a path
 * segment and a database key downstream, so it is short, not blank and free of control characters.
 */
@ApplicationScoped
public class IdentifierRules {

    private final int maxLength;

    public IdentifierRules(GatewayConfig config) {
        this.maxLength = config.limits().maxIdLength();
    }

    /** Why {@code id} is not acceptable, or empty when it is. */
    public Optional<String> problemWith(String id) {
        if (id.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (id.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters long");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    public int maxLength() {
        return maxLength;
    }
}
