package org.vsekai.backpack.ingest.image;

/** What a frame's header declares. */
public record ImageHeader(ImageFormat format, int width, int height) {
}
