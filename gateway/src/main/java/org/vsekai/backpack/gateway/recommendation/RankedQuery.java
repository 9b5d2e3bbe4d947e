package org.vsekai.backpack.gateway.recommendation;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.kit.request.RequestChecks;

import jakarta.ws.rs.QueryParam;

/** The query of a ranked list (recommendations, similar items): how many items, best first, and of which kind. */
public class RankedQuery {

    @Parameter(description = "How many items, 1 to " + Paging.MAX_LIMIT, schema = @Schema(type = SchemaType.INTEGER,
            minimum = "1", maximum = "" + Paging.MAX_LIMIT, defaultValue = "" + Paging.DEFAULT_RANKED))
    @QueryParam(Paging.LIMIT_PARAMETER)
    String limit;

    @Parameter(description = "Only items of this kind: avatar, map, prop or scene")
    @QueryParam("kind")
    String kind;

    /** The limit asked for, {@link Paging#DEFAULT_RANKED} when none was; a 400 problem naming it otherwise. */
    int checkedLimit() {
        return RequestChecks.limit(limit, Paging.DEFAULT_RANKED);
    }

    String kind() {
        return kind;
    }
}
