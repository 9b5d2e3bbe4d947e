package org.vsekai.backpack.metadata.vision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which detections count as an item's detected classes. */
@ConfigMapping(prefix = "backpack.metadata.detections")
public interface DetectionConfig {

    /** Detections below this confidence are ignored: a stray low-score label would stick to the item for good. */
    @WithDefault("0.5")
    double minScore();

    /** Read text below this recogniser confidence is not a keyword: a misread word would stick to the item too. */
    @WithDefault("0.5")
    double minTextScore();
}
