package org.vsekai.backpack.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.kit.identity.Caller;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/** The identity headers every REST client sends: from the resolved caller, never from the incoming request. */
class ForwardedIdentityHeadersTest {

    private final CurrentCaller current = new CurrentCaller();
    private final ForwardedIdentityHeaders headers = new ForwardedIdentityHeaders(current);

    @Test
    void aUserIsForwardedWithTheirRoles() {
        current.set(new Caller("alice", Set.of(ForwardedIdentity.ROLE_USER, ForwardedIdentity.ROLE_ADMIN)),
                "192.0.2.1");

        MultivaluedMap<String, String> sent = headers.update(new MultivaluedHashMap<>(), new MultivaluedHashMap<>());

        assertThat(sent).containsOnlyKeys(ForwardedIdentity.USER_HEADER, ForwardedIdentity.ROLES_HEADER);
        assertThat(sent.get(ForwardedIdentity.USER_HEADER)).containsExactly("alice");
        assertThat(sent.get(ForwardedIdentity.ROLES_HEADER)).containsExactly("admin,user");
    }

    @Test
    void anAnonymousCallerIsForwardedAsNobody() {
        current.set(Caller.ANONYMOUS, "192.0.2.1");

        assertThat(headers.update(new MultivaluedHashMap<>(), new MultivaluedHashMap<>())).isEmpty();
    }

    @Test
    void nothingTheClientSentIsPassedOn() {
        current.set(new Caller("alice", Set.of(ForwardedIdentity.ROLE_USER)), "192.0.2.1");
        MultivaluedMap<String, String> incoming = new MultivaluedHashMap<>();
        incoming.putSingle(ForwardedIdentity.USER_HEADER, "bob");
        incoming.putSingle(ForwardedIdentity.ROLES_HEADER, "admin");
        incoming.putSingle("Authorization", "Bearer secret");

        MultivaluedMap<String, String> sent = headers.update(incoming, new MultivaluedHashMap<>());

        assertThat(sent.get(ForwardedIdentity.USER_HEADER)).containsExactly("alice");
        assertThat(sent.get(ForwardedIdentity.ROLES_HEADER)).containsExactly("user");
        assertThat(sent).doesNotContainKey("Authorization");
    }

    @Test
    void aCallThatNamesItsCallerKeepsItAndReadsNoRequest() {
        // No caller was resolved: reading it would fail, as it would outside a request.
        MultivaluedMap<String, String> named = new MultivaluedHashMap<>();
        named.putSingle(ForwardedIdentity.USER_HEADER, "carol");

        assertThat(headers.update(new MultivaluedHashMap<>(), named)).isEmpty();
        assertThatThrownBy(() -> headers.update(new MultivaluedHashMap<>(), new MultivaluedHashMap<>()))
                .isInstanceOf(IllegalStateException.class);
    }
}
