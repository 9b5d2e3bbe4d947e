package org.vsekai.backpack.ingest.pose;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Poses from the vision-service's keypoints (docs/adr/0022): how instants are assembled and how poses are searched. */
@ConfigMapping(prefix = "backpack.ingest.poses")
public interface PoseConfig {

    /**
     * Frames of one scene captured within this of the instant's first frame, one per camera, are one instant
     * (cameras in sync at 30 frames/s are a few milliseconds apart).
     */
    @WithDefault("50ms")
    Duration window();

    /** A keypoint below this score is not used (not triangulated, not in a vector). */
    @WithDefault("0.3")
    double minScore();

    /** Gauss–Newton steps on the reprojection error after the linear triangulation. */
    @WithDefault("10")
    int iterations();

    /** An owner's poses are scanned exactly below this many, searched in an HNSW graph from then on. */
    @WithDefault("10000")
    int exactBelow();

    /** The most poses one search returns. */
    @WithDefault("100")
    int maxResults();

    /** How often the search index reads the poses written since (by this instance or another). */
    @WithDefault("1s")
    Duration refresh();
}
