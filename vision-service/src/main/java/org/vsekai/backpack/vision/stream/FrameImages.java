package org.vsekai.backpack.vision.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

import jakarta.inject.Singleton;

import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.image.ImageDecoder;
import org.vsekai.backpack.vision.image.ImageRejected;
import org.vsekai.backpack.vision.image.RgbImage;

/**
 * A frame's image: its blob read from the store ingest writes to, decoded within the limits, and checked against
 * the size the frame declares. Anything that makes the frame unusable is an {@link InvalidFrameException} whose
 * message becomes the dead-letter reason. Blocking: called on inference workers only.
 */
@Singleton
public class FrameImages {

    private final BlobStore store;
    private final ImageDecoder decoder;

    public FrameImages(BlobStore store, VisionConfig config) {
        this.store = store;
        this.decoder = new ImageDecoder(config.limits().maxImageBytes(), config.limits().maxPixels(),
                config.limits().maxDimension());
    }

    public RgbImage read(CameraFrame frame) {
        BlobRef ref = BlobRef.parse(frame.blobRef());
        byte[] bytes;
        try {
            long size = store.size(ref);
            if (size > decoder.maxBytes()) {
                throw new InvalidFrameException("frame " + frame.frameId() + ": blob " + ref + " has " + size
                        + " bytes; at most " + decoder.maxBytes() + " are accepted");
            }
            try (InputStream in = store.open(ref)) {
                bytes = in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new InvalidFrameException("frame " + frame.frameId() + ": blob " + ref
                    + " is not in the blob store");
        } catch (IOException e) {
            throw new InvalidFrameException("frame " + frame.frameId() + ": blob " + ref + " cannot be read: "
                    + e.getMessage());
        }
        RgbImage image;
        try {
            image = decoder.decode(bytes);
        } catch (ImageRejected e) {
            throw new InvalidFrameException("frame " + frame.frameId() + ": " + e.getMessage());
        }
        if (image.width() != frame.width() || image.height() != frame.height()) {
            throw new InvalidFrameException("frame " + frame.frameId() + " says " + frame.width() + "x"
                    + frame.height() + " but its image is " + image.width() + "x" + image.height());
        }
        return image;
    }
}
