package org.vsekai.backpack.ingest.glb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.chunk;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.padded;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.rawGlb;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.utf8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.ingest.fixtures.SceneFixtures;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;

/** The GLB container checks, each malformed case answered with the Khronos validator's code and byte offset. */
class GlbReaderTest {

    private static final byte[] JSON = padded(utf8("{\"asset\":{\"version\":\"2.0\"}}"));

    @TempDir
    Path dir;

    @Test
    void aGlbWrittenByJglTfReadsBackWithItsJsonAndWithoutItsBinChunk() throws IOException {
        byte[] bin = new byte[4096];
        byte[] glb = SceneFixtures.glb(SceneFixtures.xmpScene(), bin);
        Path file = write(glb);
        try (RecordingChannel channel = new RecordingChannel(FileChannel.open(file, StandardOpenOption.READ))) {
            GlbFile read = GlbReader.read(channel, 1 << 20);

            int jsonLength = ByteBuffer.wrap(glb, 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            assertThat(read.json()).isEqualTo(Arrays.copyOfRange(glb, 20, 20 + jsonLength));
            assertThat(read.binOffset()).hasValue(20 + jsonLength + 8);
            assertThat(read.binLength()).hasValue(4096);
            assertThat(read.totalLength()).isEqualTo(glb.length);
            long binStart = 20L + jsonLength + 8;
            assertThat(channel.reads).as("no read touches the BIN chunk's data")
                    .allSatisfy(range -> assertThat(range[0] + range[1] <= binStart).isTrue());
        }
    }

    @Test
    void aGlbStreamedForwardIsReadWithoutItsBinChunk() throws IOException {
        byte[] bin = new byte[1 << 16];
        byte[] glb = SceneFixtures.glb(SceneFixtures.xmpScene(), bin);
        int[] delivered = {0};
        java.io.InputStream counting = new java.io.ByteArrayInputStream(glb) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                delivered[0] += Math.max(n, 0);
                return n;
            }
        };
        GlbFile read = GlbReader.read(new ForwardChannel(counting, glb.length), 1 << 20);
        assertThat(read.binLength()).hasValue(bin.length);
        assertThat(delivered[0]).as("bytes read, not skipped").isLessThan(glb.length - bin.length + 100);
    }

    @Test
    void wrongMagic() {
        byte[] glb = rawGlb(0x46546C68, 2, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON));
        assertRefused(glb, "GLB_INVALID_MAGIC", "byte 0");
    }

    @Test
    void wrongVersion() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 1, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON));
        assertRefused(glb, "GLB_INVALID_VERSION", "byte 4");
    }

    @Test
    void aTruncatedGlbNoLongerHasItsDeclaredLength() {
        byte[] whole = SceneFixtures.glb(SceneFixtures.xmpScene(), SceneFixtures.triangle());
        byte[] truncated = Arrays.copyOf(whole, whole.length - 10);
        InvalidFileException e = assertRefused(truncated, "GLB_LENGTH_MISMATCH", "byte 8");
        assertThat(e.getMessage()).contains("truncated");
    }

    @Test
    void aFileShorterThanTheHeader() {
        assertRefused(new byte[] {'g', 'l', 'T', 'F', 2, 0}, "GLB_UNEXPECTED_END_OF_HEADER", "byte 0");
    }

    @Test
    void aDeclaredLengthTooSmallForAnyChunk() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, 12);
        assertRefused(glb, "GLB_LENGTH_TOO_SMALL", "byte 8");
    }

    @Test
    void aChunkLengthPastTheEndOfTheFile() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length + 4000, GlbReader.CHUNK_JSON, JSON));
        InvalidFileException e = assertRefused(glb, "GLB_CHUNK_TOO_BIG", "byte 12");
        assertThat(e.getMessage()).contains("declares " + (JSON.length + 4000));
    }

    @Test
    void aBinChunkLengthPastTheEndOfTheFile() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON),
                chunk(0x7FFFFFF0, GlbReader.CHUNK_BIN, new byte[8]));
        assertRefused(glb, "GLB_CHUNK_TOO_BIG", "byte " + (20 + JSON.length));
    }

    @Test
    void aChunkLengthNotAlignedToFourBytes() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length - 1, GlbReader.CHUNK_JSON, JSON));
        assertRefused(glb, "GLB_CHUNK_LENGTH_UNALIGNED", "byte 12");
    }

    @Test
    void aFirstChunkThatIsNotJson() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(8, GlbReader.CHUNK_BIN, new byte[8]),
                chunk(JSON.length, GlbReader.CHUNK_JSON, JSON));
        assertRefused(glb, "GLB_UNEXPECTED_FIRST_CHUNK", "byte 16");
    }

    @Test
    void aSecondJsonChunkOrBinChunk() {
        byte[] twoJson = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON),
                chunk(JSON.length, GlbReader.CHUNK_JSON, JSON));
        assertRefused(twoJson, "GLB_DUPLICATE_CHUNK", "byte " + (20 + JSON.length + 4));
        byte[] twoBin = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON),
                chunk(4, GlbReader.CHUNK_BIN, new byte[4]), chunk(4, GlbReader.CHUNK_BIN, new byte[4]));
        assertRefused(twoBin, "GLB_DUPLICATE_CHUNK", "byte " + (20 + JSON.length + 12 + 4));
    }

    @Test
    void aBinChunkAfterAnUnknownChunkIsNotTheSecondChunk() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON),
                chunk(4, 0x12345678, new byte[4]), chunk(4, GlbReader.CHUNK_BIN, new byte[4]));
        assertRefused(glb, "GLB_UNEXPECTED_BIN_CHUNK", "byte " + (20 + JSON.length + 12 + 4));
    }

    @Test
    void anUnknownChunkIsSkipped() throws IOException {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON),
                chunk(4, GlbReader.CHUNK_BIN, new byte[4]), chunk(8, 0x12345678, new byte[8]));
        assertThat(read(glb).binLength()).hasValue(4);
    }

    @Test
    void anEmptyJsonChunk() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(0, GlbReader.CHUNK_JSON, new byte[0]));
        assertRefused(glb, "GLB_EMPTY_CHUNK", "byte 12");
    }

    @Test
    void trailingBytesThatCannotHoldAChunkHeader() {
        byte[] glb = rawGlb(GlbReader.MAGIC, 2, null, chunk(JSON.length, GlbReader.CHUNK_JSON, JSON),
                new byte[4]);
        assertRefused(glb, "GLB_UNEXPECTED_END_OF_CHUNK_HEADER", "byte " + (20 + JSON.length));
    }

    @Test
    void aJsonChunkLargerThanTheLimitIsNotRead() throws IOException {
        byte[] big = padded(utf8("{\"asset\":{\"version\":\"2.0\"},\"extras\":\"" + "x".repeat(2000) + "\"}"));
        Path file = write(rawGlb(GlbReader.MAGIC, 2, null, chunk(big.length, GlbReader.CHUNK_JSON, big)));
        try (RecordingChannel channel = new RecordingChannel(FileChannel.open(file, StandardOpenOption.READ))) {
            assertThatThrownBy(() -> GlbReader.read(channel, 1024))
                    .isInstanceOfSatisfying(FileLimitException.class, e -> {
                        assertThat(e.limit()).isEqualTo("max-json-bytes");
                        assertThat(e.problem().status()).isEqualTo(413);
                    });
            assertThat(channel.reads).as("only the two headers were read")
                    .allSatisfy(range -> assertThat(range[1]).isLessThanOrEqualTo(12));
        }
    }

    private InvalidFileException assertRefused(byte[] glb, String code, String location) {
        InvalidFileException[] caught = new InvalidFileException[1];
        assertThatThrownBy(() -> read(glb)).isInstanceOfSatisfying(InvalidFileException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.location()).isEqualTo(location);
            assertThat(e.problem().status()).isEqualTo(422);
            assertThat(e.problem().errors()).singleElement()
                    .satisfies(error -> assertThat(error.field()).isEqualTo(location));
            caught[0] = e;
        });
        return caught[0];
    }

    private GlbFile read(byte[] glb) throws IOException {
        try (FileChannel channel = FileChannel.open(write(glb), StandardOpenOption.READ)) {
            return GlbReader.read(channel, 1 << 20);
        }
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "scene", ".glb"), bytes);
    }

    /** A read-only channel that remembers each read: where it started and how many bytes it asked for. */
    private static final class RecordingChannel implements SeekableByteChannel {
        private final FileChannel delegate;
        final List<long[]> reads = new ArrayList<>();

        RecordingChannel(FileChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            reads.add(new long[] {delegate.position(), dst.remaining()});
            return delegate.read(dst);
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
