package org.vsekai.backpack.ingest.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;

/**
 * Reads the size a PNG or JPEG declares from its first bytes, without decoding a pixel, and holds it to
 * {@link FrameLimits}: a 100 000 × 100 000 image is refused after reading a few dozen bytes. PNG: the signature
 * and the IHDR chunk (length 13, CRC checked, bit depth and colour type a valid pair). JPEG: SOI, then markers
 * up to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC), at most {@value #MAX_JPEG_HEADER} bytes in.
 */
public final class ImageHeaders {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int MAX_JPEG_HEADER = 1 << 20;

    private ImageHeaders() {
    }

    /**
     * The header of the image {@code in} starts with, which must be of {@code declared} format.
     *
     * @throws InvalidFileException for bytes that are not the declared format's, or a broken header
     * @throws FileLimitException   for a size beyond the limits
     */
    public static ImageHeader read(InputStream in, FrameFormat declared, FrameLimits limits) throws IOException {
        ImageHeader header;
        try {
            header = declared == FrameFormat.PNG ? png(in) : jpeg(in);
        } catch (EOFException e) {
            throw new InvalidFileException("IMAGE_UNEXPECTED_EOS", "header", "the " + declared
                    + " ends before its size is declared");
        }
        check(header, limits);
        return header;
    }

    private static void check(ImageHeader header, FrameLimits limits) {
        if (header.width() > limits.maxWidth() || header.height() > limits.maxHeight()
                || (long) header.width() * header.height() > limits.maxPixels()) {
            throw FileLimitException.beyond("max-frame-pixels", "header", "the image declares " + header.width()
                    + " x " + header.height() + " pixels; at most " + limits.maxWidth() + " x " + limits.maxHeight()
                    + " and " + limits.maxPixels() + " pixels in all are taken");
        }
    }

    private static ImageHeader png(InputStream in) throws IOException {
        byte[] start = in.readNBytes(8 + 8 + 13 + 4);
        if (start.length < 8 || !startsWith(start, PNG_SIGNATURE)) {
            throw new InvalidFileException("IMAGE_MIME_TYPE_INVALID", "byte 0", "not a PNG (no PNG signature)");
        }
        if (start.length < 33) {
            throw new EOFException();
        }
        if (int32(start, 8) != 13 || !new String(start, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("IHDR")) {
            throw new InvalidFileException("IMAGE_DATA_INVALID", "byte 8", "the first PNG chunk must be a "
                    + "13-byte IHDR");
        }
        CRC32 crc = new CRC32();
        crc.update(start, 12, 17);
        if ((int) crc.getValue() != int32(start, 29)) {
            throw new InvalidFileException("IMAGE_DATA_INVALID", "byte 29", "the IHDR chunk's CRC does not match");
        }
        long width = Integer.toUnsignedLong(int32(start, 16));
        long height = Integer.toUnsignedLong(int32(start, 20));
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new InvalidFileException("IMAGE_DATA_INVALID", "byte 16", "a PNG is 1 to 2^31 - 1 pixels "
                    + "across and down, not " + width + " x " + height);
        }
        int depth = start[24];
        int colour = start[25];
        boolean valid = switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!valid) {
            throw new InvalidFileException("IMAGE_DATA_INVALID", "byte 24", "bit depth " + depth
                    + " with colour type " + colour + " is not a PNG pixel format");
        }
        return new ImageHeader(FrameFormat.PNG, (int) width, (int) height);
    }

    private static ImageHeader jpeg(InputStream in) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) {
            throw new InvalidFileException("IMAGE_MIME_TYPE_INVALID", "byte 0", "not a JPEG (no SOI marker)");
        }
        long offset = 2;
        while (offset < MAX_JPEG_HEADER) {
            int marker = in.read();
            offset++;
            if (marker < 0) {
                throw new EOFException();
            }
            if (marker != 0xFF) {
                throw new InvalidFileException("IMAGE_DATA_INVALID", "byte " + (offset - 1),
                        "a JPEG marker starts with 0xFF");
            }
            int code = in.read();
            offset++;
            while (code == 0xFF) { // fill bytes
                code = in.read();
                offset++;
            }
            if (code < 0) {
                throw new EOFException();
            }
            if (code == 0xD8 || code == 0x01 || (code >= 0xD0 && code <= 0xD7)) {
                continue; // markers without a length
            }
            if (code == 0xD9 || code == 0xDA) {
                throw new InvalidFileException("IMAGE_DATA_INVALID", "byte " + (offset - 2),
                        "the JPEG reaches its image data without declaring a frame (SOF)");
            }
            int length = u16(in);
            if (length < 2) {
                throw new InvalidFileException("IMAGE_DATA_INVALID", "byte " + offset, "a segment length of "
                        + length);
            }
            boolean startOfFrame = code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
            if (startOfFrame) {
                in.read(); // sample precision
                int height = u16(in);
                int width = u16(in);
                if (width == 0 || height == 0) {
                    throw new InvalidFileException("IMAGE_DATA_INVALID", "byte " + (offset + 3), "the frame "
                            + "declares " + width + " x " + height + " pixels (a height given later by DNL is not "
                            + "taken)");
                }
                return new ImageHeader(FrameFormat.JPEG, width, height);
            }
            in.skipNBytes(length - 2L); // EOFException when the stream ends first
            offset += length;
        }
        throw new InvalidFileException("IMAGE_DATA_INVALID", "byte " + MAX_JPEG_HEADER,
                "no start-of-frame in the JPEG's first " + MAX_JPEG_HEADER + " bytes");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int u16(InputStream in) throws IOException {
        int high = in.read();
        int low = in.read();
        if (low < 0) {
            throw new EOFException();
        }
        return (high << 8) | low;
    }
}
