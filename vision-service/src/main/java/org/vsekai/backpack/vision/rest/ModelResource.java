package org.vsekai.backpack.vision.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.vision.ModelCatalog;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelRegistry;

/** {@code GET /models}: the loaded models with their versions (file hashes) and signatures. */
@Path("/models")
public class ModelResource {

    private final ModelRegistry registry;

    public ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The models this service serves", description = "Each model's name, version (the first 12"
            + " hex digits of its file's SHA-256), task, decoder, input and output signature, pre-processing and"
            + " limits.")
    public ModelCatalog models() {
        return new ModelCatalog(registry.all().stream().map(LoadedModel::info).toList());
    }
}
