package org.vsekai.backpack.gateway.limits;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.security.CurrentCaller;
import org.vsekai.backpack.kit.identity.Caller;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Draws a token for every request to a {@link RateLimited} method, once the caller is known: from the caller's
 * bucket of the method's class, or, for an anonymous caller, from the {@code anonymous} bucket of its address.
 * An empty bucket is a 429 problem with {@code Retry-After} in whole seconds.
 */
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final CurrentCaller current;
    private final Map<Method, Optional<RateClass>> classes = new ConcurrentHashMap<>();

    public RateLimitFilter(RateLimiter limiter, CurrentCaller current) {
        this.limiter = limiter;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Response limit(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Optional<RateClass> rateClass = method == null ? Optional.empty() : classes.computeIfAbsent(method,
                m -> Optional.ofNullable(m.getAnnotation(RateLimited.class)).map(RateLimited::value));
        if (rateClass.isEmpty()) {
            return null;
        }
        Caller caller = current.get();
        RateLimiter.Decision decision = caller.authenticated()
                ? limiter.acquire(rateClass.get(), "user:" + caller.userId())
                : limiter.acquire(RateClass.ANONYMOUS, "ip:" + current.address());
        if (decision.allowed()) {
            return null;
        }
        Problem problem = refused(caller.authenticated(), rateClass.get(), decision)
                .withInstance(request.getUriInfo().getRequestUri().getRawPath());
        return Response.status(429).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()))
                .entity(problem).build();
    }

    /** The 429 problem of a refused {@code decision}: for a user in {@code rateClass}, or for an address. */
    public static Problem refused(boolean user, RateClass rateClass, RateLimiter.Decision decision) {
        return Problem.ofType("rate-limited", 429, "Too Many Requests",
                (user ? "This user has" : "This address has") + " made too many "
                        + (user ? rateClass.configName() + " " : "")
                        + "requests; retry after " + decision.retryAfterSeconds() + " s");
    }
}
