package org.vsekai.backpack.gateway.privacy;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an erasure request. */
public record AcceptedErasure(
        @Schema(description = "The user whose personal data will be erased") String userId,
        @Schema(description = "The id of the erasure event every service consumes") UUID eventId) {
}
