package org.vsekai.backpack.vision;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.testkit.TopicProbe;

/**
 * Camera frames as ingest makes them: image bytes in the blob store the service reads (the test profile's
 * {@code backpack.blobs.directory}), a {@code camera-frames} event naming them, sent to the real broker.
 */
public final class Frames {

    private final BlobStore blobs;
    private final TopicProbe probe = TopicProbe.ofTestApplication();

    public Frames(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Stores the bytes and returns their {@code blob:sha256:} reference. */
    public String store(byte[] bytes) {
        try {
            return blobs.put(new ByteArrayInputStream(bytes), Long.MAX_VALUE).ref().uri();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame of the camera showing a solid colour, stored and sent; the event is returned. */
    public CameraFrame send(UUID scene, String camera, int width, int height, int rgb) {
        CameraFrame frame = frame(scene, camera, store(png(width, height, rgb)), width, height);
        send(frame);
        return frame;
    }

    public void send(CameraFrame frame) {
        probe.send(Topics.CAMERA_FRAMES_NAME, frame.sceneId().toString(), EventJson.write(frame));
    }

    public TopicProbe probe() {
        return probe;
    }

    public static CameraFrame frame(UUID scene, String camera, String blobRef, int width, int height) {
        // A calibration as ingest sends it; the service does not read it.
        CameraCalibration lens = new CameraCalibration(CameraCalibration.Projection.PERSPECTIVE, 0.66, 1.5, null,
                null, 0.01, 100.0);
        return new CameraFrame(CameraFrame.CURRENT_VERSION, UUID.randomUUID(), scene, UUID.randomUUID(), blobRef,
                camera, lens, width, height, Instant.parse("2026-11-26T10:15:30Z"));
    }

    public static byte[] png(int width, int height, int rgb) {
        return encode(solid(width, height, rgb), "png");
    }

    public static byte[] jpeg(int width, int height, int rgb) {
        return encode(solid(width, height, rgb), "jpeg");
    }

    public static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, rgb);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
