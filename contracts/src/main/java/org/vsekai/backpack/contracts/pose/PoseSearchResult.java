package org.vsekai.backpack.contracts.pose;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The poses most like the query, most similar first; the query's own pose is not among them.
 *
 * @param method            the poses' method (single-camera-2d or triangulated-3d)
 * @param search            EXACT (every pose compared) or HNSW (Lucene's graph, past the service's exact-below)
 * @param indexed           how many poses the search was over
 */
public record PoseSearchResult(String method, boolean rotationInvariant, String search, int indexed,
                               List<Match> poses) {

    public PoseSearchResult {
        poses = List.copyOf(poses);
    }

    /**
     * One pose found.
     *
     * @param frameIds   the frames it was made from (one for a 2D pose)
     * @param similarity cosine similarity of the two pose vectors, 1 for the same pose
     */
    public record Match(UUID poseId, UUID sceneId, List<UUID> frameIds, int person, Instant capturedAt,
                        double similarity) {
    }
}
