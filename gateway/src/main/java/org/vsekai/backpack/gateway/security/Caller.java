package org.vsekai.backpack.gateway.security;

import java.util.Set;

import org.vsekai.backpack.contracts.http.ForwardedIdentity;

/**
 * Who makes the current request, as a verified token says: its subject and roles, or nobody ({@code subject}
 * null) with the client's address, which is then what rate limits count by.
 */
public record Caller(String subject, Set<String> roles, String address) {

    /** The roles the gateway knows and forwards; any other group in a token is ignored. */
    static final Set<String> KNOWN_ROLES = Set.of(ForwardedIdentity.ROLE_USER, ForwardedIdentity.ROLE_ADMIN);

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller anonymous(String address) {
        return new Caller(null, Set.of(), address);
    }

    public boolean authenticated() {
        return subject != null;
    }

    public boolean isAdmin() {
        return roles.contains(ForwardedIdentity.ROLE_ADMIN);
    }

    /** Whether this caller may act for {@code userId}: it is them, or an admin. */
    public boolean mayActFor(String userId) {
        return authenticated() && (subject.equals(userId) || isAdmin());
    }

    /** The value of {@link ForwardedIdentity#USER_HEADER} for calls made on this caller's behalf; null if anonymous. */
    public String userHeader() {
        return subject;
    }

    /** The value of {@link ForwardedIdentity#ROLES_HEADER}; null if anonymous. */
    public String rolesHeader() {
        return authenticated() ? ForwardedIdentity.formatRoles(roles) : null;
    }
}
