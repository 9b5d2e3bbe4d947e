package org.vsekai.backpack.ingest.glb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over a stream of known length that moves forward only, skipping what it passes: enough for
 * {@link GlbReader}, which reads chunk headers in order, so a GLB in any blob store (a file, an S3 object) is checked
 * without a local copy and without reading its BIN chunk into memory.
 */
public final class ForwardChannel implements SeekableByteChannel {

    private final InputStream in;
    private final long size;
    private long position;
    private boolean open = true;

    public ForwardChannel(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (position >= size) {
            return -1;
        }
        int wanted = (int) Math.min(dst.remaining(), size - position);
        byte[] bytes = in.readNBytes(wanted);
        if (bytes.length == 0) {
            return -1;
        }
        dst.put(bytes);
        position += bytes.length;
        return bytes.length;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        if (newPosition < position) {
            throw new IOException("a forward channel cannot move back from " + position + " to " + newPosition);
        }
        in.skipNBytes(Math.min(newPosition, size) - position);
        position = newPosition;
        return this;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
