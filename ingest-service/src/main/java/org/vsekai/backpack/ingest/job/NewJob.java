package org.vsekai.backpack.ingest.job;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of the internal {@code POST /jobs}: the scene an upload is for and who uploads it. */
public record NewJob(@NotNull UUID sceneId, @NotBlank @Size(max = 256) String ownerId) {
}
