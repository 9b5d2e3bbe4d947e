package org.vsekai.backpack.gateway.metadata;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.BodyLimits;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Item metadata (JSON-LD) and finding items, served by the metadata-service. Public to read; writing needs a token,
 * and the metadata-service lets only the item's owner or an admin write (it reads the forwarded identity).
 */
@Path(Peers.API)
@Tag(name = "Items", description = "Item metadata as JSON-LD, items found by attribute, scene packets")
public class ItemResource {

    static final String LD_JSON = MetadataClient.LD_JSON;

    private final MetadataClient metadata;
    private final long maxMetadataBody;

    public ItemResource(@RestClient MetadataClient metadata, GatewayConfig config) {
        this.metadata = metadata;
        this.maxMetadataBody = config.limits().maxMetadataBody().asLongValue();
    }

    @PUT
    @Path("items/{id}/metadata")
    @Authenticated
    @RateLimited(RateClass.WRITE)
    @Consumes({LD_JSON, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new version of an item's metadata",
            description = "One JSON-LD object using bundled contexts only; kept, expanded and mapped to "
                    + "recommendation attributes. Only the item's owner or an admin may write it.")
    @RequestBody(content = @Content(mediaType = LD_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "201", description = "The first version of this item's metadata",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "A new version; the earlier ones are kept",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "The caller does not own the item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A JSON-LD error, a context that is not bundled, or a term "
            + "collision (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The metadata service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> put(@PathParam("id") String itemId, byte[] document) {
        BodyLimits.requireAtMost(document, maxMetadataBody);
        return metadata.putMetadata(itemId, document).map(Peers::relay);
    }

    @GET
    @Path("items/{id}/metadata")
    @PermitAll
    @RateLimited(RateClass.READ)
    @Produces({LD_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "The current metadata of an item, compacted",
            description = "Public. Compacted to the Backpack context, or to another bundled context named by "
                    + "?context=. The ETag is the version number.")
    @APIResponse(responseCode = "200", description = "The compacted document", content = @Content(mediaType = LD_JSON))
    @APIResponse(responseCode = "404", description = "No metadata was ever stored for this item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The metadata service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") String itemId,
                             @Parameter(description = "The URL of a bundled context to compact to")
                             @QueryParam("context") String context) {
        return metadata.metadata(itemId, context).map(Peers::relay);
    }

    @GET
    @Path("items/{id}/attributes")
    @PermitAll
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The recommendation attributes of an item",
            description = "Public. What the current metadata maps to (kind, name, keywords, categories, creator, "
                    + "licence) and the object classes the vision-service detected in the item's frames (a scene's "
                    + "item id is its scene id): what item-attributes carries to the recommender.")
    @APIResponse(responseCode = "200", description = "The attributes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No metadata was ever stored for this item (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The metadata service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> attributes(@PathParam("id") String itemId) {
        return metadata.attributes(itemId).map(Peers::relay);
    }

    @GET
    @Path("items")
    @PermitAll
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Items by attribute",
            description = "Public. Items whose current metadata has every given attribute value: ?keyword=chair, "
                    + "?kind=avatar&creator=urn:backpack:user:ada, ?category=furniture. At least one filter.")
    @APIResponse(responseCode = "200", description = "Item ids, in order: {\"items\": [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "No filter, or a limit outside 1..100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> find(@QueryParam("keyword") String keyword, @QueryParam("kind") String kind,
                              @QueryParam("creator") String creator, @QueryParam("category") String category,
                              @Parameter(description = "How many items, 1 to 100",
                                      schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100",
                                              defaultValue = "50"))
                              @QueryParam("limit") String limit) {
        return metadata.find(keyword, kind, creator, category, RequestChecks.limit(limit, Paging.DEFAULT_LISTING))
                .map(Peers::relay);
    }

    @GET
    @Path("scenes/{id}/packets")
    @PermitAll
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The XMP JSON-LD packets of a scene",
            description = "Public. The packets as extracted from the scene's upload, in index order.")
    @APIResponse(responseCode = "200", description = "The packets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No packets are stored for that scene (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> scenePackets(@PathParam("id") String sceneId) {
        return metadata.scenePackets(sceneId).map(Peers::relay);
    }
}
