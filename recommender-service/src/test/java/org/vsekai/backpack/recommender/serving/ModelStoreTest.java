package org.vsekai.backpack.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;

class ModelStoreTest {

    @TempDir
    Path directory;

    private ModelStore store() {
        RecommenderConfig.Models models = new RecommenderConfig.Models() {
            @Override
            public Optional<Path> directory() {
                return Optional.of(directory);
            }

            @Override
            public int keep() {
                return 2;
            }
        };
        return new ModelStore(new RecommenderConfig() {
            @Override
            public Interactions interactions() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Popularity popularity() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Training training() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Models models() {
                return models;
            }

            @Override
            public FoldIn foldIn() {
                throw new UnsupportedOperationException();
            }
        });
    }

    /** A two-user, two-item model whose first user factor tells the versions apart. */
    private static ServingSnapshot snapshot(String version, float marker) {
        return ServingSnapshot.of(version, Instant.parse("2026-11-26T15:00:00Z"), 3, List.of("u1", "u2"),
                List.of("i1", "i2"), 2, new float[] {marker, 0, 1, 1}, new float[] {1, 0, 0, 1},
                ItemNeighbours.of(new int[] {0, 1, 2}, new int[] {1, 0}, new float[] {1, 1}));
    }

    @Test
    void loadsTheNewestVersionAndPassesOverADamagedOne() throws IOException {
        ModelStore store = store();
        assertThat(store.loadNewest()).isEmpty();
        store.save(snapshot("20261126T150000000Z-0001", 1));
        store.save(snapshot("20261126T160000000Z-0002", 2));
        assertThat(store.versions()).containsExactly("20261126T150000000Z-0001", "20261126T160000000Z-0002");
        assertThat(store.loadNewest().orElseThrow().userVector("u1")).containsExactly(2f, 0f);
        assertThat(Files.list(directory).map(p -> p.getFileName().toString()))
                .noneMatch(name -> name.endsWith(".partial"));

        Path newest = directory.resolve("model-20261126T160000000Z-0002.bin");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 20] ^= 0x7f;
        Files.write(newest, bytes);
        assertThat(store.loadNewest().orElseThrow().version()).isEqualTo("20261126T150000000Z-0001");
    }

    @Test
    void pruningKeepsTheNewestFiles() throws IOException {
        ModelStore store = store();
        for (int i = 1; i <= 4; i++) {
            store.save(snapshot("20261126T15000000" + i + "Z-000" + i, i));
        }
        assertThat(store.prune(2)).isEqualTo(2);
        assertThat(store.versions()).containsExactly("20261126T150000003Z-0003", "20261126T150000004Z-0004");
        assertThat(store.prune(1)).isEqualTo(1);
        assertThat(store.versions()).containsExactly("20261126T150000004Z-0004");
        assertThat(store.prune(0)).as("the newest is always kept").isZero();
    }
}
