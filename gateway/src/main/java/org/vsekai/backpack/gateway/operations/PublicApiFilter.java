package org.vsekai.backpack.gateway.operations;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.avatar.AvatarStreamEndpoint;
import org.vsekai.backpack.gateway.avatar.StreamToken;

/**
 * Adds what every public operation may answer but no resource declares one by one: 429 (rate limit, with
 * Retry-After) and 413 (body limit, for operations that take a body). Registered with {@code mp.openapi.filter}.
 */
public class PublicApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().addPathItem(AvatarStreamEndpoint.PATH, OASFactory.createPathItem().GET(avatarStream()));
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                addIfAbsent(operation.getValue(), "429", tooManyRequests());
                if (operation.getValue().getRequestBody() != null) {
                    addIfAbsent(operation.getValue(), "413", problem("The body is larger than this route takes"));
                }
            }
        }
    }

    /** The WebSocket route is not a JAX-RS method: described here, so that it is documented and checked like one. */
    private static Operation avatarStream() {
        Parameter id = OASFactory.createParameter().name("id").in(Parameter.In.PATH).required(true)
                .description("The scene's id").schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("101", OASFactory.createAPIResponse().description("Switching to the WebSocket: one "
                        + "JSON message per keypoints event of the scene ({\"type\":\"poses\",\"sequence\","
                        + "\"sceneId\",\"frameId\",\"capturedAt\",\"poses\":[...]}, each pose as GET "
                        + "/api/v1/scenes/{id}/poses gives it), {\"type\":\"heartbeat\"} when idle; the scene's "
                        + "newest message first. A slow client gets the newest (at most 8 wait for it; the oldest are "
                        + "dropped), never a growing backlog; the stream closes "
                        + "(1008) when the token expires."))
                .addAPIResponse("401", problem("No token, or one that is not valid"))
                .addAPIResponse("403", problem("Another user's scene"))
                .addAPIResponse("404", problem("No such scene"))
                .addAPIResponse("426", problem("Not a WebSocket handshake"))
                .addAPIResponse("429", tooManyRequests())
                .addAPIResponse("503", problem("This gateway holds as many streams as it may, or the ingest "
                        + "service cannot say who may read the scene"));
        return OASFactory.createOperation().operationId("avatarStream").summary("Follow a scene's poses live")
                .description("A WebSocket of the poses the scene's frames show, as they are found: for its owner (or "
                        + "an admin). Browsers cannot set headers on a WebSocket: send the token as the subprotocol "
                        + "pair \"" + StreamToken.SUBPROTOCOL + "\", \"<jwt>\" (the server answers "
                        + StreamToken.SUBPROTOCOL + ") or as ?" + StreamToken.QUERY_PARAMETER + "=<jwt>; "
                        + "Authorization: Bearer works too.")
                .addTag("Poses").addParameter(id).responses(responses)
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
    }

    private static void addIfAbsent(Operation operation, String status, APIResponse response) {
        if (operation.getResponses() != null && !operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, response);
        }
    }

    private static APIResponse tooManyRequests() {
        Header retryAfter = OASFactory.createHeader().description("Seconds until a request will be served again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
        return problem("Rate limit: too many requests by this user (or, without a token, from this address)")
                .addHeader("Retry-After", retryAfter);
    }

    private static APIResponse problem(String description) {
        MediaType problem = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem);
        return OASFactory.createAPIResponse().description(description).content(content);
    }
}
