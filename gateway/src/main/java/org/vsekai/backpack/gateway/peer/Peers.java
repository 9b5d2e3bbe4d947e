package org.vsekai.backpack.gateway.peer;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * How the gateway treats the answers of the services behind it: a 5xx means the service cannot answer now (retried
 * on idempotent calls, counted by the circuit breaker, answered as one 503), unless its client names that problem
 * type as an answer; a 4xx is its considered answer, relayed with its status and problem; a success is relayed with
 * the headers that describe the entity.
 */
public final class Peers {

    /** The prefix every public path has and no service path has. */
    public static final String API = "/api/v1";

    private static final Logger LOG = Logger.getLogger(Peers.class);

    /**
     * Headers of a service's success that mean the same through the gateway ({@code X-Backpack-Owner}: the owner of
     * an item, as the metadata-service names it).
     */
    private static final List<String> RELAYED_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
            HttpHeaders.CACHE_CONTROL, "X-Backpack-Owner");

    private Peers() {
    }

    /** For each REST client's {@code @ClientExceptionMapper}: null for a success. */
    public static RuntimeException failureOf(String peer, Response response) {
        return failureOf(peer, response, Set.of());
    }

    /**
     * As {@link #failureOf(String, Response)}, but a 5xx whose problem type is one of {@code answeredTypes} is the
     * service's considered answer about this request (the vision-service shedding load, {@code vision/busy}), relayed
     * like a refusal: not retried, not held against the circuit.
     */
    public static RuntimeException failureOf(String peer, Response response, Set<String> answeredTypes) {
        int status = response.getStatus();
        if (status >= 500) {
            Problem problem = answeredTypes.isEmpty() ? null : problemIn(peer, response);
            return problem != null && answeredTypes.contains(problem.type())
                    ? new PeerRejectedException(peer, status, problem)
                    : new PeerUnavailableException(peer + " answered " + status);
        }
        if (status >= 400) {
            return new PeerRejectedException(peer, status, problemIn(peer, response));
        }
        return null;
    }

    /**
     * What the client hears when a call to {@code peer} fails: a refusal relayed with the service's status and
     * problem, anything else (down, slow, 5xx, open circuit) one 503 of type {@code <peer>-unavailable}.
     */
    public static ProblemException asProblem(String peer, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (failure instanceof PeerRejectedException rejected) {
            Problem relayed = rejected.problem();
            // The instance is ours, not the service's path; the mapper sets it.
            return new ProblemException(new Problem(relayed.type(), relayed.title(), rejected.status(),
                    relayed.detail(), null, relayed.errors()));
        }
        LOG.warnf("%s unavailable: %s", peer, failure.toString());
        return new ProblemException(Problem.ofType(peer + "-unavailable", 503, "Service Unavailable",
                "The " + peer + " service cannot answer right now; retry later"), failure);
    }

    /** A service's success as the gateway's answer: status, body, media type and the entity's headers. */
    public static Response relay(Response answer) {
        Response.ResponseBuilder relayed = Response.status(answer.getStatus());
        if (answer.hasEntity()) {
            relayed.entity(answer.readEntity(byte[].class));
            MediaType type = answer.getMediaType();
            if (type != null) {
                relayed.type(type);
            }
        }
        for (String header : RELAYED_HEADERS) {
            String value = answer.getHeaderString(header);
            if (value != null) {
                relayed.header(header, value);
            }
        }
        URI location = answer.getLocation();
        if (location != null && location.getRawPath() != null) {
            relayed.location(URI.create(API + location.getRawPath()));
        }
        return relayed.build();
    }

    private static Problem problemIn(String peer, Response response) {
        MediaType type = response.getMediaType();
        if (type != null && type.getSubtype().endsWith("json")) {
            try {
                Problem problem = response.readEntity(Problem.class);
                if (problem != null && problem.title() != null) {
                    return problem;
                }
            } catch (RuntimeException e) {
                // not a problem document; described below
            }
        }
        Response.StatusType status = response.getStatusInfo();
        return Problem.of(response.getStatus(), status.getReasonPhrase(), "The " + peer + " refused the request");
    }
}
