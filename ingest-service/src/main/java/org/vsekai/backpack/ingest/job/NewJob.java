package org.vsekai.backpack.ingest.job;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * The body of the internal {@code POST /jobs}: the scene an upload is for. Who uploads it is the caller the gateway
 * forwards, never a field a client could fill in.
 */
public record NewJob(@NotNull UUID sceneId) {
}
