package org.vsekai.backpack.recommender.serving;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;

/**
 * The binary model file: big-endian, every array written as its length then its raw elements, no per-value
 * framing, so a 200k × 64 factor matrix is its 51 MB and nothing more.
 *
 * <pre>
 * int    magic "BPRM"        int   format (1)
 * UTF    version             long  trainedAt (epoch ms)     int interactions
 * int    users, then users × UTF id
 * int    items, then items × UTF id
 * int    factors             floats userFactors (users × factors)   floats itemFactors (items × factors)
 * ints   neighbour start (items + 1)   int links   ints neighbour items   floats neighbour weights
 * long   CRC-32 of every byte before it
 * </pre>
 *
 * The factor scan's norm order is not stored: recommender-model's {@code FactorScan.of(factors, itemFactors)}
 * recomputes it from the factors on load, the same way, so a loaded model serves exactly what the trained one did.
 * The neighbour arrays are read straight into {@code ItemNeighbours.of}, which checks that they make lists over the
 * items.
 */
public final class SnapshotFile {

    private static final int MAGIC = 0x4250524D; // "BPRM"
    private static final int FORMAT = 1;

    private SnapshotFile() {
    }

    public static void write(ServingSnapshot snapshot, OutputStream target) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(target, 1 << 16), new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(snapshot.version());
        out.writeLong(snapshot.trainedAt().toEpochMilli());
        out.writeInt(snapshot.interactions());
        writeIds(out, snapshot.users().ids());
        writeIds(out, snapshot.items().ids());
        out.writeInt(snapshot.factors());
        writeFloats(out, FloatBuffer.wrap(snapshot.userFactors()));
        writeFloats(out, FloatBuffer.wrap(snapshot.itemFactors()));
        ItemNeighbours neighbours = snapshot.neighbours().neighbours();
        writeInts(out, neighbours.startView());
        out.writeInt(neighbours.links());
        writeInts(out, neighbours.neighbourView());
        writeFloats(out, neighbours.weightView());
        out.flush();
        out.writeLong(checked.getChecksum().getValue());
        out.flush();
    }

    public static ServingSnapshot read(InputStream source) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(source, 1 << 16), new CRC32());
        DataInputStream in = new DataInputStream(checked);
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Backpack model file");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("model file format " + format + " is not supported (expected " + FORMAT + ")");
            }
            String version = in.readUTF();
            Instant trainedAt = Instant.ofEpochMilli(in.readLong());
            int interactions = in.readInt();
            List<String> users = readIds(in);
            List<String> items = readIds(in);
            int factors = in.readInt();
            float[] userFactors = readFloats(in, (long) users.size() * factors);
            float[] itemFactors = readFloats(in, (long) items.size() * factors);
            int[] start = readInts(in, items.size() + 1L);
            int links = in.readInt();
            int[] neighbourItems = readInts(in, links);
            float[] weights = readFloats(in, links);
            long expected = checked.getChecksum().getValue();
            if (in.readLong() != expected) {
                throw new IOException("model file checksum mismatch: the file is damaged");
            }
            return ServingSnapshot.of(version, trainedAt, interactions, users, items, factors, userFactors,
                    itemFactors, ItemNeighbours.of(start, neighbourItems, weights));
        } catch (EOFException e) {
            throw new IOException("model file is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("model file is inconsistent: " + e.getMessage(), e);
        }
    }

    private static void writeIds(DataOutputStream out, List<String> ids) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    private static List<String> readIds(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative id count");
        }
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readUTF());
        }
        return ids;
    }

    // Arrays go through a 64 KB buffer in bulk rather than a call per value: a 200k × 64 factor matrix saves and
    // loads in a fraction of the time (same bytes: ByteBuffer is big-endian, as DataOutputStream).
    private static final int CHUNK = 1 << 16;

    private static void writeFloats(DataOutputStream out, FloatBuffer values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (int i = 0; i < values.limit(); ) {
            int n = Math.min(values.limit() - i, CHUNK / Float.BYTES);
            buffer.clear();
            buffer.asFloatBuffer().put(values.slice(i, n));
            out.write(buffer.array(), 0, n * Float.BYTES);
            i += n;
        }
    }

    private static void writeInts(DataOutputStream out, IntBuffer values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (int i = 0; i < values.limit(); ) {
            int n = Math.min(values.limit() - i, CHUNK / Integer.BYTES);
            buffer.clear();
            buffer.asIntBuffer().put(values.slice(i, n));
            out.write(buffer.array(), 0, n * Integer.BYTES);
            i += n;
        }
    }

    private static float[] readFloats(DataInputStream in, long n) throws IOException {
        float[] values = new float[length(n)];
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < values.length; ) {
            int m = Math.min(values.length - i, CHUNK / Float.BYTES);
            in.readFully(chunk, 0, m * Float.BYTES);
            ByteBuffer.wrap(chunk, 0, m * Float.BYTES).asFloatBuffer().get(values, i, m);
            i += m;
        }
        return values;
    }

    private static int[] readInts(DataInputStream in, long n) throws IOException {
        int[] values = new int[length(n)];
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < values.length; ) {
            int m = Math.min(values.length - i, CHUNK / Integer.BYTES);
            in.readFully(chunk, 0, m * Integer.BYTES);
            ByteBuffer.wrap(chunk, 0, m * Integer.BYTES).asIntBuffer().get(values, i, m);
            i += m;
        }
        return values;
    }

    private static int length(long n) throws IOException {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IOException("array of " + n + " values is out of range");
        }
        return (int) n;
    }
}
