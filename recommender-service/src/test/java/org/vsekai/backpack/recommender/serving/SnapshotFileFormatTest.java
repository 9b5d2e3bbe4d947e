package org.vsekai.backpack.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;

/** Format 1 written byte by byte as its layout says, independently of SnapshotFile: saved models keep loading. */
class SnapshotFileFormatTest {

    private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");

    /** Two users, three items, two factors; item 0 links to 1 (0.75) and 2 (0.25), item 1 to 0 (1). */
    private static byte[] formatOne(int firstNeighbour) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x4250524D);
        out.writeInt(1);
        out.writeUTF("20261126T150000000Z-0001");
        out.writeLong(AT.toEpochMilli());
        out.writeInt(4);
        out.writeInt(2);
        out.writeUTF("u1");
        out.writeUTF("u2");
        out.writeInt(3);
        out.writeUTF("i1");
        out.writeUTF("i2");
        out.writeUTF("i3");
        out.writeInt(2);
        for (float v : new float[] {1, 0, 0, 1}) {
            out.writeFloat(v);
        }
        for (float v : new float[] {0.5f, 0.1f, 0.9f, 0.2f, 0.3f, 0.8f}) {
            out.writeFloat(v);
        }
        for (int v : new int[] {0, 2, 3, 3}) {
            out.writeInt(v);
        }
        out.writeInt(3);
        for (int v : new int[] {firstNeighbour, 2, 0}) {
            out.writeInt(v);
        }
        for (float v : new float[] {0.75f, 0.25f, 1}) {
            out.writeFloat(v);
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void readsAFormatOneFileAndWritesItBackByteForByte() throws IOException {
        byte[] file = formatOne(1);

        ServingSnapshot loaded = SnapshotFile.read(new ByteArrayInputStream(file));

        assertThat(loaded.version()).isEqualTo("20261126T150000000Z-0001");
        assertThat(loaded.trainedAt()).isEqualTo(AT);
        assertThat(loaded.users().ids()).containsExactly("u1", "u2");
        assertThat(loaded.items().ids()).containsExactly("i1", "i2", "i3");
        // u1 = (1, 0): i2 scores 0.9, i1 0.5, i3 0.3.
        assertThat(loaded.factorScan().recommend(loaded.userVector("u1"), new int[0], i -> true, 3))
                .extracting(ScoredIndex::item).containsExactly(1, 0, 2);
        assertThat(loaded.neighbours().similarItems(0, 10, i -> true))
                .containsExactly(new ScoredIndex(1, 0.75f), new ScoredIndex(2, 0.25f));
        assertThat(loaded.neighbours().recommend(new int[] {0, 1}, new int[] {0, 1}, i -> true, 10))
                .isEqualTo(List.of(new ScoredIndex(2, 0.25f)));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        SnapshotFile.write(loaded, written);
        assertThat(written.toByteArray()).isEqualTo(file);
    }

    @Test
    void refusesANeighbourThatIsNotAnItem() throws IOException {
        byte[] file = formatOne(3);

        assertThatThrownBy(() -> SnapshotFile.read(new ByteArrayInputStream(file))).isInstanceOf(IOException.class)
                .hasMessageContaining("not an item");
    }
}
