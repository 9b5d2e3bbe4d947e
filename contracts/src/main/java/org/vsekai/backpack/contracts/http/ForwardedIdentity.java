package org.vsekai.backpack.contracts.http;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller's identity as the gateway forwards it to the services behind it. The gateway removes both headers
 * from every incoming request and sets them only from a verified token, so a value a client sends never reaches
 * a service; the services are not reachable from outside the cluster (see deploy/), which is what makes trusting
 * these headers safe.
 */
public final class ForwardedIdentity {

    /** The verified subject (user id) of the caller; absent for anonymous calls. */
    public static final String USER_HEADER = "X-Backpack-User";
    /** The caller's roles, comma-separated ({@code user}, {@code admin}). */
    public static final String ROLES_HEADER = "X-Backpack-Roles";

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    private ForwardedIdentity() {
    }

    /** Every header a client must never be able to set; HTTP header names compare case-insensitively. */
    public static List<String> headers() {
        return List.of(USER_HEADER, ROLES_HEADER);
    }

    public static String formatRoles(Set<String> roles) {
        return roles.stream().sorted().collect(Collectors.joining(","));
    }

    public static Set<String> parseRoles(String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
