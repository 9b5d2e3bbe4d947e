package org.vsekai.backpack.gateway.generation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.generation.GenerationRequest;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.BodyLimits;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;

/**
 * Text generation by the vision-service's models, for admins: the request goes on as it came, the answer comes back
 * as the service streams it, event by event (server-sent events: reasoning, answer, done or error). A problem of the
 * service (bad request, unknown model, busy) is relayed with its status before any event. A stream holds a worker
 * thread of the gateway while it lasts (the service's generation.deadline at most); the rate class and the service's
 * own bound on generations at once keep them few.
 */
@Path(Peers.API)
@Tag(name = "Generation", description = "Text generation with a KV cache, streamed token by token")
public class GenerationResource {

    static final String EVENTS = "text/event-stream";
    private static final Logger LOG = Logger.getLogger(GenerationResource.class);

    private final GenerationRelay relay;
    private final long maxBody;

    public GenerationResource(GenerationRelay relay, GatewayConfig config) {
        this.relay = relay;
        this.maxBody = config.limits().maxTextBody().asLongValue();
    }

    @POST
    @Path("generate")
    @RolesAllowed(ForwardedIdentity.ROLE_ADMIN)
    @RateLimited(RateClass.GENERATION)
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces({EVENTS, Problem.MEDIA_TYPE})
    @Operation(summary = "Generate text (admins)",
            description = "The body is a GenerationRequest: prompt, and optionally model, maxTokens, temperature (0: "
                    + "greedy), topK, topP, seed, stop strings, reasoning (chain of thought kept apart by the "
                    + "model's delimiters), reasoningTokens, deadlineMs. The answer is server-sent events, one per "
                    + "token's text: reasoning and answer ({\"text\"}), then done (the GenerationSummary: finish, "
                    + "the whole reasoning and answer, token counts, seed) or error (a problem). Closing the "
                    + "connection stops the generation.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GenerationRequest.class)))
    @APIResponse(responseCode = "200", description = "The generation's events as they come",
            content = @Content(mediaType = EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No prompt, a prompt of no tokens, or settings out of range "
            + "(bad-request, empty-prompt; relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No generation model of that name (unknown-model, relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the gateway takes (body-too-large), or a prompt "
            + "longer than the model takes (prompt-too-long, relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No generation model or saturated (no-model, busy; relayed), "
            + "or the vision service is unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response generate(@Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        // Checked here, after the role: a caller who may not generate learns only that (403).
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ProblemException(Problem.ofType("unsupported-media-type", 415, "Unsupported Media Type",
                    "The body is a JSON GenerationRequest (application/json)"));
        }
        BodyLimits.requireAtMost(body, maxBody);
        HttpResponse<InputStream> answer;
        try {
            answer = relay.open(body);
        } catch (IOException e) {
            throw Peers.asProblem("vision", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Peers.asProblem("vision", e);
        }
        String type = answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_OCTET_STREAM);
        if (answer.statusCode() != 200) {
            return relayed(answer, type);
        }
        StreamingOutput events = out -> copy(answer.body(), out);
        return Response.ok(events).type(EVENTS).header("Cache-Control", "no-cache").build();
    }

    /** The service's refusal (a problem, read whole: it is small) with its status; its 5xx as vision-unavailable. */
    private static Response relayed(HttpResponse<InputStream> answer, String type) {
        byte[] problem;
        try (InputStream in = answer.body()) {
            problem = in.readNBytes(64 * 1024);
        } catch (IOException e) {
            throw Peers.asProblem("vision", e);
        }
        boolean answered = answer.statusCode() < 500 || new String(problem).contains("/generation/");
        if (!answered) {
            throw Peers.asProblem("vision", new IOException("vision answered " + answer.statusCode()));
        }
        return Response.status(answer.statusCode()).type(type).entity(problem).build();
    }

    /** Each piece on as it arrives; the client going (a failed write) closes the service's connection. */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debugf("A generation stream ended early: %s", e.getMessage());
            throw e;
        }
    }
}
