package org.vsekai.backpack.gateway.security;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.kit.identity.Caller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The caller's identity on every call to a service ({@code @RegisterClientHeaders} on each REST client): the
 * {@link ForwardedIdentity} headers from the verified caller of the request being served, none for an anonymous one.
 * Nothing of the incoming request is passed on; {@link IdentityHeaderStripper} removed any such header a client sent.
 */
@ApplicationScoped
public class ForwardedIdentityHeaders implements ClientHeadersFactory {

    private final CurrentCaller current;

    public ForwardedIdentityHeaders(CurrentCaller current) {
        this.current = current;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
                                                 MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> identity = new MultivaluedHashMap<>();
        // A call that names its caller itself, as header arguments (the avatar stream's admission, made outside any
        // request), keeps that caller; the request scope it would be read from is not active there.
        if (clientOutgoingHeaders.keySet().stream().anyMatch(ForwardedIdentity.USER_HEADER::equalsIgnoreCase)) {
            return identity;
        }
        Caller caller = current.get();
        if (caller.authenticated()) {
            identity.putSingle(ForwardedIdentity.USER_HEADER, caller.userHeader());
            identity.putSingle(ForwardedIdentity.ROLES_HEADER, caller.rolesHeader());
        }
        return identity;
    }
}
