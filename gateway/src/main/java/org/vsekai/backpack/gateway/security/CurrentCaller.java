package org.vsekai.backpack.gateway.security;

import org.vsekai.backpack.kit.identity.Caller;

import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the request being served and the client's address, set once by {@link CallerFilter} before any
 * resource method runs. The address is the gateway's own concern: what anonymous rate limits count by.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private String address;

    public Caller get() {
        requireResolved();
        return caller;
    }

    /** The client's IP address, as the HTTP layer saw it ({@code unknown} when it had none). */
    public String address() {
        requireResolved();
        return address;
    }

    void set(Caller caller, String address) {
        this.caller = caller;
        this.address = address;
    }

    private void requireResolved() {
        if (caller == null) {
            throw new IllegalStateException("the caller is resolved by CallerFilter before any resource runs");
        }
    }
}
