package org.vsekai.backpack.ingest.glb;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.OptionalLong;

import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;

/**
 * Checks the binary glTF container (glTF 2.0 §4.4) before anything parses it: the 12-byte header (magic
 * {@code glTF}, version 2, a total length equal to the file's), then every chunk header (a length that is a
 * multiple of 4 and fits the file, JSON first and once, BIN second and at most once, unknown chunk types skipped as
 * the spec says). Only the JSON chunk is read; the BIN chunk is located and never loaded. Errors carry the Khronos
 * validator's codes and the byte offset of the offending field.
 */
public final class GlbReader {

    public static final int MAGIC = 0x46546C67; // "glTF", little-endian
    public static final int VERSION = 2;
    public static final int CHUNK_JSON = 0x4E4F534A; // "JSON"
    public static final int CHUNK_BIN = 0x004E4942; // "BIN\0"
    private static final int HEADER = 12;
    private static final int CHUNK_HEADER = 8;

    private GlbReader() {
    }

    /**
     * Reads and checks the container in {@code file}, reading at most {@code maxJsonBytes} of JSON.
     *
     * @throws InvalidFileException  for a broken container
     * @throws FileLimitException    when the JSON chunk is larger than {@code maxJsonBytes}
     */
    public static GlbFile read(SeekableByteChannel file, long maxJsonBytes) throws IOException {
        long size = file.size();
        if (size < HEADER) {
            throw invalid("GLB_UNEXPECTED_END_OF_HEADER", 0, "the file has " + size + " bytes, a GLB header 12");
        }
        ByteBuffer header = readAt(file, 0, HEADER);
        int magic = header.getInt(0);
        if (magic != MAGIC) {
            throw invalid("GLB_INVALID_MAGIC", 0, String.format("magic is 0x%08X, not 0x%08X (\"glTF\")", magic, MAGIC));
        }
        long version = Integer.toUnsignedLong(header.getInt(4));
        if (version != VERSION) {
            throw invalid("GLB_INVALID_VERSION", 4, "version is " + version + ", not 2");
        }
        long declared = Integer.toUnsignedLong(header.getInt(8));
        if (declared < HEADER + CHUNK_HEADER) {
            throw invalid("GLB_LENGTH_TOO_SMALL", 8, "declared length " + declared + " cannot hold a JSON chunk");
        }
        if (declared != size) {
            throw invalid("GLB_LENGTH_MISMATCH", 8, "the header declares " + declared + " bytes, the file has "
                    + size + (size < declared ? " (truncated)" : ""));
        }

        byte[] json = null;
        long binOffset = -1;
        long binLength = -1;
        int chunks = 0;
        long offset = HEADER;
        while (offset < size) {
            if (size - offset < CHUNK_HEADER) {
                throw invalid("GLB_UNEXPECTED_END_OF_CHUNK_HEADER", offset,
                        (size - offset) + " bytes left, a chunk header needs 8");
            }
            ByteBuffer chunkHeader = readAt(file, offset, CHUNK_HEADER);
            long length = Integer.toUnsignedLong(chunkHeader.getInt(0));
            int type = chunkHeader.getInt(4);
            long data = offset + CHUNK_HEADER;
            if (length % 4 != 0) {
                throw invalid("GLB_CHUNK_LENGTH_UNALIGNED", offset, "chunk length " + length
                        + " is not a multiple of 4");
            }
            if (length > size - data) {
                throw invalid("GLB_CHUNK_TOO_BIG", offset, "chunk " + chunks + " declares " + length
                        + " bytes, only " + (size - data) + " are left in the file");
            }
            if (chunks == 0 && type != CHUNK_JSON) {
                throw invalid("GLB_UNEXPECTED_FIRST_CHUNK", offset + 4,
                        String.format("the first chunk is of type 0x%08X, not JSON", type));
            }
            if (type == CHUNK_JSON) {
                if (json != null) {
                    throw invalid("GLB_DUPLICATE_CHUNK", offset + 4, "a second JSON chunk");
                }
                if (length == 0) {
                    throw invalid("GLB_EMPTY_CHUNK", offset, "the JSON chunk is empty");
                }
                if (length > maxJsonBytes) {
                    throw FileLimitException.tooLarge("max-json-bytes", "byte " + offset, "the JSON chunk has "
                            + length + " bytes, at most " + maxJsonBytes + " are read");
                }
                json = readAt(file, data, (int) length).array();
            } else if (type == CHUNK_BIN) {
                if (binOffset >= 0) {
                    throw invalid("GLB_DUPLICATE_CHUNK", offset + 4, "a second BIN chunk");
                }
                if (chunks != 1) {
                    throw invalid("GLB_UNEXPECTED_BIN_CHUNK", offset + 4, "the BIN chunk must be the second chunk");
                }
                if (length == 0) {
                    throw invalid("GLB_EMPTY_CHUNK", offset, "the BIN chunk is empty");
                }
                binOffset = data;
                binLength = length;
            }
            // Any other chunk type is skipped: "client implementations MUST ignore chunks with unknown types".
            chunks++;
            offset = data + length;
        }
        return new GlbFile(json, binOffset < 0 ? OptionalLong.empty() : OptionalLong.of(binOffset),
                binLength < 0 ? OptionalLong.empty() : OptionalLong.of(binLength), size);
    }

    private static ByteBuffer readAt(SeekableByteChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        file.position(position);
        while (buffer.hasRemaining()) {
            if (file.read(buffer) < 0) {
                throw new EOFException("the file changed while it was read");
            }
        }
        return buffer;
    }

    private static InvalidFileException invalid(String code, long offset, String message) {
        return new InvalidFileException(code, "byte " + offset, message);
    }
}
