package org.vsekai.backpack.gateway.security;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being served, set once by {@link CallerFilter} before any resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("the caller is resolved by CallerFilter before any resource runs");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
