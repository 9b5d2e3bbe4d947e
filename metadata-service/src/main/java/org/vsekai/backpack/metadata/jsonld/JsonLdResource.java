package org.vsekai.backpack.metadata.jsonld;

import java.io.InputStream;

import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.Problem;


/**
 * The JSON-LD API for tools: the body is {@code {"document": ..., "context": ...}} (or {@code "frame"}), where a
 * context is an object given inline or the URL of a bundled context. The body is read as bytes and parsed here,
 * within the limits, rather than by the JSON binding.
 */
@Path("/jsonld")
@Consumes({MediaType.APPLICATION_JSON, JsonLdResource.LD_JSON})
@Produces({JsonLdResource.LD_JSON, MediaType.APPLICATION_JSON})
@Tag(name = "jsonld", description = "JSON-LD processing with bundled contexts only")
@APIResponse(responseCode = "400", description = "The body is not JSON or lacks a member",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "413", description = "The body breaks a size, depth or value-count limit",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "A JSON-LD error (the code is in the problem type and detail), "
        + "a context that is not bundled, a result too large, or processing that took too long",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JsonLdResource {

    static final String LD_JSON = "application/ld+json";

    private final JsonLdProcessor processor;
    private final BoundedJsonReader reader;

    public JsonLdResource(JsonLdProcessor processor, BoundedJsonReader reader) {
        this.processor = processor;
        this.reader = reader;
    }

    @POST
    @Path("expand")
    @Operation(summary = "Expand a JSON-LD document", description = "Body: {\"document\": ..., \"context\": "
            + "optional expandContext}. Answers the expanded form.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "200", description = "The expanded document",
            content = @Content(mediaType = LD_JSON))
    public Response expand(InputStream body) {
        JsonLdRequest request = JsonLdRequest.of(reader.read(body));
        return ok(processor.expand(request.document(), request.expandOptions(), request.nodes()));
    }

    @POST
    @Path("compact")
    @Operation(summary = "Compact a JSON-LD document to a context",
            description = "Body: {\"document\": ..., \"context\": object or bundled context URL}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "200", description = "The compacted document",
            content = @Content(mediaType = LD_JSON))
    public Response compact(InputStream body) {
        JsonLdRequest request = JsonLdRequest.of(reader.read(body));
        return ok(processor.compact(request.document(), request.context(true), ProcessingOptions.defaults(),
                request.nodes()));
    }

    @POST
    @Path("flatten")
    @Operation(summary = "Flatten a JSON-LD document",
            description = "Body: {\"document\": ..., \"context\": optional object or bundled context URL}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "200", description = "The flattened document",
            content = @Content(mediaType = LD_JSON))
    public Response flatten(InputStream body) {
        JsonLdRequest request = JsonLdRequest.of(reader.read(body));
        return ok(processor.flatten(request.document(), request.context(false), ProcessingOptions.defaults(),
                request.nodes()));
    }

    @POST
    @Path("frame")
    @Operation(summary = "Frame a JSON-LD document", description = "Body: {\"document\": ..., \"frame\": ...}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "200", description = "The framed document",
            content = @Content(mediaType = LD_JSON))
    public Response frame(InputStream body) {
        JsonLdRequest request = JsonLdRequest.of(reader.read(body));
        return ok(processor.frame(request.document(), request.structure("frame"), ProcessingOptions.defaults(),
                request.nodes()));
    }

    /** application/ld+json, unless the client accepts only application/json: the same bytes either way. */
    private static Response ok(JsonStructure result) {
        return Response.ok(result.toString()).build();
    }
}
