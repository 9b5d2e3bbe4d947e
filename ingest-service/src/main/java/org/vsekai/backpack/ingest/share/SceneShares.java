package org.vsekai.backpack.ingest.share;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who a scene is shared with, as {@code GET /scenes/{id}/shares} shows it, newest first. */
public record SceneShares(UUID sceneId, List<Share> shares) {

    public SceneShares {
        shares = List.copyOf(shares);
    }

    /** One user the scene is shared with, who shared it and when. */
    public record Share(String userId, String sharedBy, Instant createdAt) {
    }
}
