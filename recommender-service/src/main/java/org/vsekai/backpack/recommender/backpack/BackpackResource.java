package org.vsekai.backpack.recommender.backpack;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;
import org.vsekai.backpack.recommender.live.LiveState;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** A user's current backpack, as the interactions built it; only the owner (or an admin) may read it. */
@Path("/users/{userId}/backpack")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backpack")
public class BackpackResource {

    private final BackpackRepository backpacks;
    private final LiveState live;

    public BackpackResource(BackpackRepository backpacks, LiveState live) {
        this.backpacks = backpacks;
        this.live = live;
    }

    @GET
    @WithSession
    @Operation(summary = "A user's backpack", description = "The items in the user's backpack now, with when each"
            + " was added, oldest first. For the owner (" + ForwardedIdentity.USER_HEADER + ") or an admin.")
    public Uni<BackpackView> backpack(@PathParam("userId") String userId,
            @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
            @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles) {
        RequestChecks.id("userId", userId);
        if (!Caller.required(user, roles).mayActFor(userId)) {
            throw new ProblemException(Problem.ofType("forbidden", 403, "Not your backpack",
                    "A backpack is shown to its owner only"));
        }
        // Entries of a gone item are deleted with it; one opened by an Add that arrived after its tombstone is not
        // shown either.
        return backpacks.current(userId).map(entries -> new BackpackView(userId, entries.stream()
                .filter(e -> !live.activity().isGone(e.itemId))
                .map(e -> new BackpackView.Entry(e.itemId, live.activity().kindOf(e.itemId).orElse(null),
                        e.addedAt.toInstant()))
                .toList()));
    }
}
