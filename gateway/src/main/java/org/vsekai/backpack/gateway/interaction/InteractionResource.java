package org.vsekai.backpack.gateway.interaction;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.security.Access;
import org.vsekai.backpack.gateway.security.CurrentCaller;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Where clients report what users do: ActivityStreams 2.0 activities, one at a time or in batches. The body is
 * read as bytes so that every malformed or invalid document is answered with a problem naming the fields.
 */
@Path(InteractionResource.API)
@Tag(name = "Interactions")
public class InteractionResource {

    static final String API = "/api/v1";
    static final String SINGLE = "interactions";
    // A literal colon: a JAX-RS template variable would need braces, so this path is matched as written.
    static final String BATCH = "interactions:batch";
    static final String SINGLE_PATH = API + "/" + SINGLE;
    static final String BATCH_PATH = API + "/" + BATCH;

    static final String LD_JSON = "application/ld+json";
    static final String ACTIVITY_JSON = "application/activity+json";

    /** Why a client should name its activities: what makes a retry after a timeout or a 503 safe. */
    private static final String RETRIES = "Retrying is safe when the activity has an id: the same id from the same "
            + "actor always gets the same eventId, and the services downstream keep one event per eventId, so a "
            + "retry is counted once even if the first attempt was stored. An activity without an id gets a new id "
            + "and eventId on every attempt, so its retry counts twice.";

    private static final String EXAMPLE = """
            {"@context": "https://www.w3.org/ns/activitystreams", "type": "Like",
             "actor": "user-42", "object": "item-7", "published": "2024-05-01T12:00:00Z"}""";

    /** Who may report what. */
    private static final String OWN_ONLY = "The actor of every activity must be the token's subject (a user reports "
            + "only what they did); an admin may report for anyone.";

    private final ActivityReader reader;
    private final InteractionService interactions;
    private final CurrentCaller caller;

    public InteractionResource(ActivityReader reader, InteractionService interactions, CurrentCaller caller) {
        this.reader = reader;
        this.interactions = interactions;
        this.caller = caller;
    }

    @POST
    @Path(SINGLE)
    @Authenticated
    @RateLimited(RateClass.WRITE)
    @Consumes({LD_JSON, ACTIVITY_JSON, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report one interaction",
            description = "Takes one ActivityStreams 2.0 activity (View, Like, Add, Remove or Visit) with actor = user "
                    + "id, object = item id and published; assigns an urn:uuid id when none is given. " + OWN_ONLY + " " + RETRIES)
    @RequestBody(required = true, content = @Content(mediaType = LD_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "like", value = EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Stored on the interaction log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AcceptedActivity.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid activity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The actor is not the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The interaction log did not confirm the write",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AcceptedActivity>> accept(byte[] body) {
        Activity activity = reader.readOne(body);
        requireOwn(List.of(activity));
        return interactions.accept(activity).map(accepted -> RestResponse.accepted(accepted));
    }

    @POST
    @Path(BATCH)
    @Authenticated
    @RateLimited(RateClass.WRITE)
    @Consumes({LD_JSON, ACTIVITY_JSON, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report many interactions at once",
            description = "Takes a JSON array of at most 500 activities. All are checked first: if any is invalid, "
                    + "none is stored and the problem names each bad field as [index].field. The colon of the path "
                    + "is literal; a percent-encoded one (%3A) names another path. " + OWN_ONLY + " " + RETRIES)
    @RequestBody(required = true, content = @Content(mediaType = LD_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = Object.class),
            examples = @ExampleObject(name = "one like", value = "[" + EXAMPLE + "]")))
    @APIResponse(responseCode = "202", description = "All stored on the interaction log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AcceptedBatch.class)))
    @APIResponse(responseCode = "400", description = "Malformed batch or an invalid activity; none stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "An actor is not the caller; none stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large or too many activities",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The interaction log did not confirm the writes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AcceptedBatch>> acceptBatch(byte[] body) {
        List<Activity> activities = reader.readBatch(body);
        requireOwn(activities);
        return interactions.acceptAll(activities).map(accepted -> RestResponse.accepted(accepted));
    }

    private void requireOwn(List<Activity> activities) {
        Caller who = caller.get();
        if (who.admin()) {
            return;
        }
        for (Activity activity : activities) {
            if (!who.userId().equals(activity.actor())) {
                throw new ProblemException(Access.forbidden("The actor " + activity.actor()
                        + " is not the caller; a user reports only their own interactions"));
            }
        }
    }
}
