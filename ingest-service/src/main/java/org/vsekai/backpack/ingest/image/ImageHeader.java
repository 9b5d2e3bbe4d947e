package org.vsekai.backpack.ingest.image;

import org.vsekai.backpack.contracts.scene.FrameFormat;

/** What a frame's header declares. */
public record ImageHeader(FrameFormat format, int width, int height) {
}
