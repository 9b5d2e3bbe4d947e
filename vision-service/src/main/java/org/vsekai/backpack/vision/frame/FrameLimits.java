package org.vsekai.backpack.vision.frame;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a camera frame may be before the vision service refuses it. */
@ConfigMapping(prefix = "backpack.vision.frame")
public interface FrameLimits {

    /** Largest width or height, in pixels; bounds the memory one frame can take in inference. */
    @WithDefault("8192")
    int maxDimension();
}
