package org.vsekai.backpack.gateway.metadata;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.BodyLimits;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * JSON-LD processing for tools, done by the metadata-service with bundled contexts only. It costs CPU, so it needs
 * a token and draws from the write bucket. Bodies: {@code {"document": ..., "context": ...}} ({@code "frame"} for
 * framing), passed through unread.
 */
@Path(Peers.API + "/jsonld")
@Tag(name = "JSON-LD", description = "JSON-LD processing with bundled contexts only")
@Authenticated
@Consumes({MediaType.APPLICATION_JSON, MetadataClient.LD_JSON})
@Produces({MetadataClient.LD_JSON, MediaType.APPLICATION_JSON})
@APIResponse(responseCode = "200", description = "The processed document",
        content = @Content(mediaType = MetadataClient.LD_JSON, schema = @Schema(type = SchemaType.OBJECT)))
@APIResponse(responseCode = "400", description = "The body is not JSON or lacks a member (relayed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "413", description = "The body is too large, or breaks a depth or value-count limit",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "A JSON-LD error, a context that is not bundled, a result too "
        + "large, or processing that took too long (relayed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The metadata service is unavailable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JsonLdResource {

    private final MetadataClient metadata;
    private final long maxBody;

    public JsonLdResource(@RestClient MetadataClient metadata, GatewayConfig config) {
        this.metadata = metadata;
        this.maxBody = config.limits().maxJsonLdBody().asLongValue();
    }

    @POST
    @Path("expand")
    @RateLimited(RateClass.WRITE)
    @Operation(summary = "Expand a JSON-LD document",
            description = "Body: {\"document\": ..., \"context\": optional expandContext}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> expand(byte[] body) {
        return process("expand", body);
    }

    @POST
    @Path("compact")
    @RateLimited(RateClass.WRITE)
    @Operation(summary = "Compact a JSON-LD document to a context",
            description = "Body: {\"document\": ..., \"context\": object or bundled context URL}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> compact(byte[] body) {
        return process("compact", body);
    }

    @POST
    @Path("flatten")
    @RateLimited(RateClass.WRITE)
    @Operation(summary = "Flatten a JSON-LD document",
            description = "Body: {\"document\": ..., \"context\": optional object or bundled context URL}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> flatten(byte[] body) {
        return process("flatten", body);
    }

    @POST
    @Path("frame")
    @RateLimited(RateClass.WRITE)
    @Operation(summary = "Frame a JSON-LD document", description = "Body: {\"document\": ..., \"frame\": ...}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> frame(byte[] body) {
        return process("frame", body);
    }

    private Uni<Response> process(String operation, byte[] body) {
        BodyLimits.requireAtMost(body, maxBody);
        return metadata.jsonLd(operation, body).map(Peers::relay);
    }
}
