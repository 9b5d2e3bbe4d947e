package org.vsekai.backpack.gateway.testing;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only endpoint that fails unexpectedly, to check what the gateway lets out of a 500. */
@Path("/test-only/failure")
public class FailingResource {

    public static final String SECRET = "db-password=hunter2";

    @GET
    @PermitAll
    public String fail() {
        throw new IllegalStateException("unexpected: " + SECRET);
    }
}
