package org.vsekai.backpack.vision.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * PNG and JPEG to {@link RgbImage}, within limits: the byte count first, then the width and height the header
 * declares, before a single pixel is decoded (a 1 kB PNG may declare a gigapixel).
 */
public final class ImageDecoder {

    static {
        ImageIO.setUseCache(false); // decode in memory; ImageIO would otherwise spool streams to temporary files
    }

    private final long maxBytes;
    private final long maxPixels;
    private final int maxDimension;

    public ImageDecoder(long maxBytes, long maxPixels, int maxDimension) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        this.maxDimension = maxDimension;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public RgbImage decode(byte[] encoded) throws ImageRejected {
        if (encoded.length > maxBytes) {
            throw new ImageRejected(ImageRejected.Kind.TOO_LARGE, "the image has " + encoded.length
                    + " bytes; at most " + maxBytes + " are accepted");
        }
        String format = format(encoded);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width > maxDimension || height > maxDimension || (long) width * height > maxPixels) {
                throw new ImageRejected(ImageRejected.Kind.TOO_MANY_PIXELS, "the " + format + " image is " + width
                        + "x" + height + " pixels; at most " + maxPixels + " pixels and " + maxDimension
                        + " on a side are accepted");
            }
            return rgb(reader.read(0));
        } catch (IOException | RuntimeException e) {
            throw new ImageRejected(ImageRejected.Kind.UNDECODABLE, "the " + format + " image cannot be decoded: "
                    + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    /** The format by the file signature; the declared content type is not trusted. */
    private static String format(byte[] bytes) throws ImageRejected {
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "png";
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        throw new ImageRejected(ImageRejected.Kind.UNSUPPORTED, "the image is neither PNG nor JPEG");
    }

    /**
     * The pixels as sRGB. Grey images are read from the raster: {@code getRGB} would convert them from a linear grey
     * colour space and change every value.
     */
    static RgbImage rgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = new int[width * height];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            Raster raster = image.getRaster();
            int shift = image.getType() == BufferedImage.TYPE_USHORT_GRAY ? 8 : 0;
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    int v = row[x] >>> shift;
                    pixels[y * width + x] = v << 16 | v << 8 | v;
                }
            }
        } else if (packedBytes(image)) {
            // What ImageIO gives for 8-bit PNG and JPEG: the bytes read in place, several times faster than getRGB.
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            int step = image.getType() == BufferedImage.TYPE_3BYTE_BGR ? 3 : 4;
            int first = step - 3; // ABGR: skip the alpha byte
            for (int i = 0, at = first; i < pixels.length; i++, at += step) {
                pixels[i] = (data[at + 2] & 0xFF) << 16 | (data[at + 1] & 0xFF) << 8 | (data[at] & 0xFF);
            }
        } else {
            image.getRGB(0, 0, width, height, pixels, 0, width);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] &= 0xFFFFFF;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** A BGR or ABGR image whose bytes are exactly its pixels, row after row (no sub-image, no padding). */
    private static boolean packedBytes(BufferedImage image) {
        int step = switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> 3;
            case BufferedImage.TYPE_4BYTE_ABGR -> 4;
            default -> 0;
        };
        return step > 0 && image.getRaster().getDataBuffer() instanceof DataBufferByte bytes
                && bytes.getNumBanks() == 1 && image.getRaster().getParent() == null
                && bytes.getData().length == image.getWidth() * image.getHeight() * step;
    }
}
