package org.vsekai.backpack.vision.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.embedding.ItemSearchResult.Hit;

/** The index on random unit vectors: the exact path and Lucene's HNSW path find the same nearest items. */
class ItemSearchIndexTest {

    private static final int DIMENSIONS = 384;
    private static final Instant T = Instant.parse("2026-12-03T00:00:00Z");

    @Test
    void belowTheThresholdEveryVectorIsComparedAndFromItOnHnswFindsTheSameNearestItems() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        float[][] vectors = new float[600][];
        try (ItemSearchIndex index = new ItemSearchIndex(500, 100)) {
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = unit(random);
                if (i == 499) {
                    // 499 items: below 500, the exact path.
                    float[] query = near(vectors[123], random);
                    ItemSearchIndex.Found found = index.search(query, null, 3);
                    assertThat(found.method()).isEqualTo(ItemSearchIndex.Method.EXACT);
                    assertThat(found.hits().get(0).itemId()).isEqualTo("item-123");
                    assertThat(found.hits().get(0).score()).isCloseTo(ItemSearchIndex.dot(query, vectors[123]),
                            org.assertj.core.data.Offset.offset(1e-9));
                }
                index.put("item-" + i, i % 2 == 0 ? "avatar" : "map", vectors[i], T);
            }
            int agreed = 0;
            for (int q = 0; q < 50; q++) {
                int target = random.nextInt(vectors.length);
                float[] query = near(vectors[target], random);
                ItemSearchIndex.Found found = index.search(query, null, 5);
                assertThat(found.method()).isEqualTo(ItemSearchIndex.Method.HNSW);
                List<Hit> exact = index.exact(query, null, 5);
                assertThat(exact.get(0).itemId()).isEqualTo("item-" + target);
                if (found.hits().get(0).itemId().equals(exact.get(0).itemId())) {
                    agreed++;
                    assertThat(found.hits().get(0).score()).as("Lucene's (1 + d) / 2 turned back into the cosine")
                            .isCloseTo(exact.get(0).score(), org.assertj.core.data.Offset.offset(1e-5));
                }
            }
            assertThat(agreed).as("HNSW's nearest is the exact nearest").isGreaterThanOrEqualTo(49);

            // A kind filter on both paths; an item of the other kind is never answered.
            float[] query = near(vectors[7], random); // item-7 is a map
            assertThat(index.search(query, "avatar", 5).hits()).extracting(Hit::kind).containsOnly("avatar");
            assertThat(index.exact(query, "avatar", 5)).extracting(Hit::itemId).doesNotContain("item-7");
            assertThat(index.search(query, "map", 1).hits()).extracting(Hit::itemId).containsExactly("item-7");
        }
    }

    @Test
    void anOlderRecordChangesNothingAndARemovedItemIsNotFound() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        float[] first = unit(random);
        float[] second = unit(random);
        for (int exactBelow : new int[] {1000, 1}) {
            try (ItemSearchIndex index = new ItemSearchIndex(exactBelow, 10)) {
                index.put("a", "prop", second, T.plusSeconds(10));
                index.put("a", "prop", first, T); // older: ignored
                index.put("b", "prop", unit(random), T);
                assertThat(index.search(second, null, 1).hits().get(0).itemId()).isEqualTo("a");
                assertThat(index.search(second, null, 1).hits().get(0).score())
                        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
                index.remove("a");
                assertThat(index.size()).isEqualTo(1);
                assertThat(index.search(second, null, 5).hits()).extracting(Hit::itemId).containsExactly("b");
            }
        }
    }

    private static float[] unit(SplittableRandom random) {
        float[] v = new float[DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** A unit vector near {@code v}: v plus a little noise, normalised. */
    private static float[] near(float[] v, SplittableRandom random) {
        float[] noisy = unit(random);
        float[] out = new float[v.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] + 0.3f * noisy[i];
            norm += out[i] * out[i];
        }
        for (int i = 0; i < v.length; i++) {
            out[i] /= (float) Math.sqrt(norm);
        }
        return out;
    }
}
