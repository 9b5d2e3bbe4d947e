package org.vsekai.backpack.metadata.packet;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.mutiny.Uni;

/** The stored XMP packets of a scene over HTTP. */
@Path("/scenes/{id}/packets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scenes", description = "Scene metadata as extracted from uploads")
public class ScenePacketResource {

    private final ScenePacketStore store;

    public ScenePacketResource(ScenePacketStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "The XMP JSON-LD packets of a scene",
            description = "The packets as the latest scene-metadata event carried them, in index order.")
    @APIResponse(responseCode = "200", description = "The packets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScenePackets.class)))
    @APIResponse(responseCode = "404", description = "No packets are stored for that scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScenePackets> get(@PathParam("id") UUID sceneId) {
        return store.find(sceneId).onItem().ifNull().failWith(() -> new ProblemException(
                Problem.ofType("scene-packets-not-found", 404, "No packets for this scene",
                        "No XMP packets are stored for scene " + sceneId)));
    }
}
