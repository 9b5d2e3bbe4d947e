package org.vsekai.backpack.gateway.dashboard;

import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.CurrentCaller;
import org.vsekai.backpack.gateway.upload.IngestClient;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The data of the admin dashboard (the page itself is static: {@code /admin/}). The page reads the stream with
 * {@code fetch}, not {@code EventSource}, so that it can send the bearer token like any other client.
 */
@Path(Peers.API + "/admin/dashboard")
@Tag(name = "Dashboard", description = "Admin: the suite's jobs, topics, models and detections, live")
@RolesAllowed(ForwardedIdentity.ROLE_ADMIN)
public class DashboardResource {

    private final DashboardService dashboard;
    private final CurrentCaller caller;
    private final IngestClient ingest;
    private final Duration refresh;

    public DashboardResource(DashboardService dashboard, CurrentCaller caller, @RestClient IngestClient ingest,
                             GatewayConfig config) {
        this.dashboard = dashboard;
        this.caller = caller;
        this.ingest = ingest;
        this.refresh = config.dashboard().refresh();
    }

    @GET
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The dashboard now", description = "Jobs per state with the last errors, records, events/s "
            + "and consumer lag per topic, the models served, the newest detections.")
    @APIResponse(responseCode = "200", description = "The snapshot", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DashboardService.Snapshot.class)))
    public Uni<DashboardService.Snapshot> snapshot() {
        return dashboard.snapshot(caller.get());
    }

    @GET
    @Path("events")
    @RateLimited(RateClass.READ)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The dashboard, live", description = "Server-sent events: a snapshot at once, then one every "
            + "backpack.gateway.dashboard.refresh (2 s), until the client goes.")
    public Multi<DashboardService.Snapshot> events() {
        // The caller is read now, while the request is being served; the ticks come later, on a timer.
        Caller admin = caller.get();
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(0L),
                        Multi.createFrom().ticks().every(refresh).onOverflow().drop())
                .onItem().transformToUniAndConcatenate(tick -> dashboard.snapshot(admin));
    }

    @GET
    @Path("frames/{scene}/{frame}")
    @RateLimited(RateClass.READ)
    @Produces({"image/png", "image/jpeg", Problem.MEDIA_TYPE})
    @Operation(summary = "A frame's image", description = "The frame a detection was found in, to draw it on.")
    @APIResponse(responseCode = "200", description = "The image as it was posted")
    @APIResponse(responseCode = "404", description = "No such scene or frame (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> frame(@PathParam("scene") String sceneId, @PathParam("frame") String frameId) {
        return ingest.frameImage(RequestChecks.id("scene", sceneId), RequestChecks.id("frame", frameId))
                .map(Peers::relay);
    }
}
