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
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.vsekai.backpack.contracts.http.Problem;

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
