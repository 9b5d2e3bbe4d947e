package org.vsekai.backpack.kit.problem;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.vsekai.backpack.contracts.http.Problem;

import com.fasterxml.jackson.core.JsonParseException;

/** A test-only resource that fails in every way a service can, so the mappers can be checked against each. */
@Path(FailingResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class FailingResource {

    static final String PATH = "/test-only/failures";
    static final String SECRET = "db-password=hunter2";

    /** A domain error of some service, raised as a subclass as services do. */
    static class TeapotException extends ProblemException {
        TeapotException(String name) {
            super(Problem.ofType("teapot", 418, "I'm a teapot", name + " is a teapot"));
        }
    }

    public record Order(@NotBlank String name, List<@NotNull @Valid Line> lines) {
    }

    public record Line(@Min(1) int quantity) {
    }

    @GET
    @Path("teapots/{name}")
    public String teapot(@PathParam("name") String name) {
        throw new TeapotException(name);
    }

    @GET
    @Path("items/{item-id}")
    public String item(@PathParam("item-id") @Size(max = 3) String itemId,
                       @QueryParam("limit") @Min(1) @Max(100) int limit,
                       @QueryParam("tag") List<@Size(max = 3) String> tags) {
        return itemId;
    }

    @POST
    @Path("orders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Order order(@Valid @NotNull Order order) {
        return order;
    }

    @GET
    @Path("broken-promise")
    @NotNull
    public String brokenPromise() {
        return null;
    }

    @GET
    @Path("unexpected")
    public String unexpected() {
        throw new IllegalStateException("unexpected: " + SECRET);
    }

    @GET
    @Path("wrapped-json")
    public String wrappedJson() {
        throw new WebApplicationException(new JsonParseException(null, "Unexpected end-of-input"), 400);
    }

    @GET
    @Path("own-json")
    public String ownJson() throws JsonParseException {
        throw new JsonParseException(null, "Unexpected character in stored data: " + SECRET);
    }

    @GET
    @Path("unavailable")
    public String unavailable() {
        throw new WebApplicationException(Response.status(503).header("Retry-After", "7").build());
    }

    @GET
    @Path("read-only")
    public String readOnly() {
        throw new NotAllowedException(Response.status(405).allow("HEAD", "OPTIONS").build());
    }

    @GET
    @Path("moved")
    public String moved() {
        throw new WebApplicationException(Response.seeOther(URI.create("/elsewhere")).build());
    }
}
