package org.vsekai.backpack.metadata.item;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.request.RequestChecks;
import org.vsekai.backpack.metadata.jsonld.BoundedJsonReader;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Item metadata over HTTP. A PUT needs the caller the gateway forwards ({@link ForwardedIdentity}); the first PUT of
 * an item makes that caller its owner, and later PUTs are for the owner or an admin. Reading is public.
 */
@Path("/items")
@Tag(name = "items", description = "Item metadata as JSON-LD, versioned, and items found by attribute")
public class ItemResource {

    static final String LD_JSON = "application/ld+json";
    /** The field an invalid item id is reported under (contracts.Identifiers' rule, RequestChecks). */
    private static final String ITEM_ID = "itemId";

    private final ItemMetadataService items;
    private final BoundedJsonReader reader;

    public ItemResource(ItemMetadataService items, BoundedJsonReader reader) {
        this.items = items;
        this.reader = reader;
    }

    /** Response header naming an item's owner: the JSON-LD body stays the document and nothing else. */
    public static final String OWNER_HEADER = "X-Backpack-Owner";

    /** What a PUT stored. */
    public record StoredMetadata(String itemId, int version, Instant versionAt, String ownerId,
                                 ExtractedAttributes attributes) {
    }

    /**
     * An item's recommendation attributes as {@code item-attributes} carries them: the current version's, and the
     * object classes detected in its frames.
     */
    public record ItemAttributesView(String itemId, int version, Instant versionAt, String ownerId,
                                     ExtractedAttributes attributes, List<String> detectedClasses) {
    }

    /** Items found by attribute, in item id order. */
    public record ItemList(List<String> items) {
    }

    @PUT
    @Path("{id}/metadata")
    @Blocking
    @Consumes({MediaType.APPLICATION_JSON, LD_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new version of an item's metadata",
            description = "The body is one JSON-LD object using bundled contexts only. It is kept as submitted, "
                    + "expanded, and mapped to recommendation attributes, which are published on item-attributes. "
                    + "Contexts that define one term for different IRIs are refused (docs/adr/0006).")
    @RequestBody(content = @Content(mediaType = LD_JSON))
    @APIResponse(responseCode = "201", description = "The first version of this item's metadata",
            content = @Content(schema = @Schema(implementation = StoredMetadata.class)))
    @APIResponse(responseCode = "200", description = "A new version; the earlier ones are kept",
            content = @Content(schema = @Schema(implementation = StoredMetadata.class)))
    @APIResponse(responseCode = "400", description = "The item id is not a valid identifier (contracts.Identifiers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No user was forwarded (X-Backpack-User)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The item belongs to another user and the caller is no admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body breaks a size, depth or value-count limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A JSON-LD error, a context that is not bundled, or a term "
            + "collision", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Uni<Response> put(@PathParam("id") String itemId,
                             @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                             @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                             InputStream body) {
        RequestChecks.id(ITEM_ID, itemId);
        Caller caller = Caller.required(user, roles);
        return items.put(itemId, caller, reader.read(body)).map(stored -> {
            StoredMetadata entity = new StoredMetadata(stored.itemId(), stored.version(), stored.versionAt(),
                    stored.ownerId(), stored.attributes());
            Response.ResponseBuilder response = stored.version() == 1
                    ? Response.created(URI.create("/items/" + itemId + "/metadata"))
                    : Response.ok();
            return response.entity(entity).tag(etag(stored.version())).header(OWNER_HEADER, stored.ownerId())
                    .build();
        });
    }

    @GET
    @Path("{id}/metadata")
    @Produces({LD_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "The current metadata of an item, compacted",
            description = "Compacted to the Backpack context, or to another bundled context named by ?context=. "
                    + "The ETag is the version number; the X-Backpack-Owner header names the item's owner.")
    @APIResponse(responseCode = "200", description = "The compacted document", content = @Content(mediaType = LD_JSON),
            headers = @Header(name = OWNER_HEADER, description = "The user who owns the item",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The item id is not a valid identifier (contracts.Identifiers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No metadata was ever stored for this item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The named context is not bundled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") String itemId, @QueryParam("context") String context) {
        RequestChecks.id(ITEM_ID, itemId);
        return items.current(itemId, context)
                .onItem().ifNull().failWith(() -> notFound(itemId))
                .map(compacted -> Response.ok(compacted.document().toString())
                        .tag(etag(compacted.version()))
                        .lastModified(Date.from(compacted.versionAt()))
                        .header(OWNER_HEADER, compacted.ownerId())
                        .build());
    }

    @GET
    @Path("{id}/attributes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The recommendation attributes of an item",
            description = "What the current version maps to, and the object classes the vision-service detected "
                    + "in the item's frames (a scene's item id is its scene id): what item-attributes carries.")
    @APIResponse(responseCode = "200", description = "The attributes",
            content = @Content(schema = @Schema(implementation = ItemAttributesView.class)))
    @APIResponse(responseCode = "400", description = "The item id is not a valid identifier (contracts.Identifiers)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No metadata was ever stored for this item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ItemAttributesView> attributes(@PathParam("id") String itemId) {
        RequestChecks.id(ITEM_ID, itemId);
        return items.attributes(itemId)
                .onItem().ifNull().failWith(() -> notFound(itemId))
                .map(stored -> new ItemAttributesView(stored.itemId(), stored.version(), stored.versionAt(),
                        stored.ownerId(), stored.attributes(), stored.detectedClasses()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Items by attribute",
            description = "Items whose current metadata has every given attribute value: ?keyword=chair, "
                    + "?kind=avatar&creator=urn:backpack:user:ada, ?category=furniture. Keywords and categories "
                    + "match regardless of case.")
    @APIResponse(responseCode = "200", description = "Item ids, in order",
            content = @Content(schema = @Schema(implementation = ItemList.class)))
    @APIResponse(responseCode = "400", description = "No filter, or a limit that is not a whole number from 1 to 100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ItemList> find(@QueryParam("keyword") String keyword, @QueryParam("kind") String kind,
                              @QueryParam("creator") String creator, @QueryParam("category") String category,
                              @QueryParam(Paging.LIMIT_PARAMETER) String limit) {
        Map<Attribute, String> filters = new LinkedHashMap<>();
        putIfGiven(filters, Attribute.KIND, kind);
        putIfGiven(filters, Attribute.CREATOR, creator);
        putIfGiven(filters, Attribute.KEYWORDS, keyword);
        putIfGiven(filters, Attribute.CATEGORIES, category);
        if (filters.isEmpty()) {
            throw new ProblemException(Problem.invalid("Name at least one attribute to find items by",
                    List.of(new Problem.FieldError("keyword", "or kind, creator, category is required"))));
        }
        return items.find(filters, RequestChecks.limit(limit, Paging.DEFAULT_LISTING)).map(ItemList::new);
    }

    private static void putIfGiven(Map<Attribute, String> filters, Attribute attribute, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(attribute, value);
        }
    }

    private static ProblemException notFound(String itemId) {
        return new ProblemException(Problem.ofType("item-metadata-not-found", 404, "No metadata for this item",
                "No metadata is stored for item " + itemId));
    }

    private static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }
}
