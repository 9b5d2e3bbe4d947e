package org.vsekai.backpack.gateway.security;

import org.vsekai.backpack.contracts.http.ForwardedIdentity;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Removes the forwarded-identity headers from every incoming request before anything else looks at it, so a value
 * a client sets can never count: the gateway sets them on calls to the services only from a verified token
 * ({@link ForwardedIdentityHeaders}). Vert.x header names compare case-insensitively, so every spelling goes.
 */
@ApplicationScoped
public class IdentityHeaderStripper {

    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(IdentityHeaderStripper::strip);
    }

    static void strip(RoutingContext context) {
        for (String header : ForwardedIdentity.headers()) {
            context.request().headers().remove(header);
        }
        context.next();
    }
}
