package org.vsekai.backpack.recommender.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.algorithm.Rp3Beta;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.model.serving.NeighbourScan;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;
import org.vsekai.backpack.recommender.serving.SnapshotFile;

class SnapshotBuilderTest {

    private static final ImplicitAls.Settings ALS = new ImplicitAls.Settings(8, 1, 0.5, 5, 8, 3, 42);
    private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");

    /** Two taste groups over 30 items, so the models have structure; fixed seed. */
    private static List<Interaction> data() {
        Random random = new Random(7);
        List<Interaction> interactions = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            int group = u % 2;
            for (int n = 0; n < 8; n++) {
                int item = group * 15 + random.nextInt(15);
                interactions.add(new Interaction("u" + u, "i" + item, 1 + random.nextInt(3), 1000 + n));
            }
        }
        interactions.add(new Interaction("u0", "never-counted", 0, 1)); // a Remove: weight 0
        return interactions;
    }

    private static SnapshotBuilder builder() {
        return new SnapshotBuilder(ALS, 0.7, 0.5, 10);
    }

    @Test
    void servesExactlyWhatTheFittedModelsRecommend() {
        List<Interaction> data = data();
        ServingSnapshot snapshot = builder().build(data, "v1", AT);

        InteractionMatrix matrix = InteractionMatrix.of(data.stream().filter(i -> i.weight() > 0).toList());
        ImplicitAls als = new ImplicitAls(ALS);
        als.fit(matrix);
        Rp3Beta rp3 = new Rp3Beta(0.7, 0.5, 10, true);
        rp3.fit(matrix);

        assertThat(snapshot.items().indexOf("never-counted")).as("zero-weight pairs are not trained on").isNegative();
        assertThat(snapshot.interactions()).isEqualTo(matrix.nonZeroCount());
        for (int u = 0; u < matrix.userCount(); u++) {
            String user = matrix.users().idOf(u);
            int[] seen = matrix.itemsOf(u);
            List<ScoredIndex> expected = als.recommend(u, 5, matrix.seenBy(u));
            List<ScoredIndex> served = snapshot.factorScan().recommend(snapshot.userVector(user), seen, i -> true, 5);
            assertThat(ids(snapshot, served)).as("user %s", user).isEqualTo(ids(matrix, expected));
            List<String> expectedItemItem = ids(matrix, rp3.recommend(u, 5, matrix.seenBy(u)));
            List<String> servedItemItem = snapshot.neighbours().recommend(seen, seen, i -> true, 5).stream()
                    .map(e -> snapshot.items().idOf(e.item())).toList();
            assertThat(servedItemItem).as("user %s", user).isEqualTo(expectedItemItem);
        }
        for (int i = 0; i < matrix.itemCount(); i++) {
            assertThat(ids(snapshot, snapshot.neighbours().similarItems(snapshot.items().indexOf(matrix.items().idOf(i)),
                    5, j -> true))).isEqualTo(ids(matrix, rp3.similarItems(i, 5)));
        }
    }

    @Test
    void theKindFilterAndTheExclusionHoldOverTheWholeScan() {
        ServingSnapshot snapshot = builder().build(data(), "v1", AT);
        float[] user = snapshot.userVector("u0");
        int[] excluded = {snapshot.items().indexOf("i0"), snapshot.items().indexOf("i1")};
        Arrays.sort(excluded);
        List<ScoredIndex> odd = snapshot.factorScan().recommend(user, excluded,
                i -> Integer.parseInt(snapshot.items().idOf(i).substring(1)) % 2 == 1, 100);
        assertThat(odd).isNotEmpty().allSatisfy(s -> {
            assertThat(Integer.parseInt(snapshot.items().idOf(s.item()).substring(1)) % 2).isEqualTo(1);
            assertThat(s.item()).isNotIn(excluded[0], excluded[1]);
        });
        assertThat(odd).hasSize((int) snapshot.items().ids().stream()
                .filter(id -> Integer.parseInt(id.substring(1)) % 2 == 1 && !id.equals("i1")).count());
    }

    @Test
    void becauseNamesTheSourcesWithTheStrongestLinks() {
        // Item 0 links to 2 with 0.5, item 1 links to 2 with 0.9 and to 3 with 0.1.
        NeighbourScan index = new NeighbourScan(ItemNeighbours.of(new int[] {0, 1, 3, 3, 3}, new int[] {2, 2, 3},
                new float[] {0.5f, 0.9f, 0.1f}));
        int[] sources = {0, 1};
        var result = index.recommend(sources, new int[] {0, 1}, i -> true, 10);
        assertThat(result).extracting(ScoredIndex::item).containsExactly(2, 3);
        assertThat(result.get(0).score()).isEqualTo(1.4f);
        assertThat(index.because(sources, result.get(0).item(), 2)).containsExactly(1, 0);
        assertThat(index.because(sources, result.get(1).item(), 2)).containsExactly(1);
        assertThat(index.recommend(sources, new int[] {0, 1, 2}, i -> true, 10))
                .extracting(ScoredIndex::item).containsExactly(3);
    }

    @Test
    void aSavedModelReadsBackToTheSameRecommendations() throws IOException {
        ServingSnapshot trained = builder().build(data(), "20261126T150000000Z-0001", AT);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SnapshotFile.write(trained, file);
        ServingSnapshot loaded = SnapshotFile.read(new ByteArrayInputStream(file.toByteArray()));

        assertThat(loaded.version()).isEqualTo(trained.version());
        assertThat(loaded.trainedAt()).isEqualTo(AT);
        assertThat(loaded.users().ids()).isEqualTo(trained.users().ids());
        assertThat(loaded.items().ids()).isEqualTo(trained.items().ids());
        for (String user : trained.users().ids()) {
            assertThat(loaded.factorScan().recommend(loaded.userVector(user), new int[0], i -> true, 10))
                    .isEqualTo(trained.factorScan().recommend(trained.userVector(user), new int[0], i -> true, 10));
        }
        for (int item = 0; item < trained.items().size(); item++) {
            assertThat(loaded.neighbours().similarItems(item, 10, i -> true))
                    .isEqualTo(trained.neighbours().similarItems(item, 10, i -> true));
        }
        // Compact: the floats and ints as they are, plus the ids.
        long arrays = 4L * (trained.userFactors().length + trained.itemFactors().length)
                + 8L * trained.neighbours().itemCount();
        assertThat((long) file.size()).isLessThan(arrays + 4096 + 12L * trained.items().size() * 10);
    }

    @Test
    void aDamagedOrTruncatedFileIsRefused() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SnapshotFile.write(builder().build(data(), "v", AT), file);
        byte[] damaged = file.toByteArray();
        damaged[damaged.length / 2] ^= 0x10;
        assertThatThrownBy(() -> SnapshotFile.read(new ByteArrayInputStream(damaged))).isInstanceOf(IOException.class);
        byte[] truncated = Arrays.copyOf(file.toByteArray(), file.size() - 9);
        assertThatThrownBy(() -> SnapshotFile.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void nothingToTrainOnIsAFailure() {
        assertThatThrownBy(() -> builder().build(List.of(new Interaction("u", "i", 0, 1)), "v", AT))
                .hasMessageContaining("no interactions");
    }

    private static List<String> ids(ServingSnapshot snapshot, List<ScoredIndex> items) {
        return items.stream().map(s -> snapshot.items().idOf(s.item())).toList();
    }

    private static List<String> ids(InteractionMatrix matrix, List<ScoredIndex> items) {
        return items.stream().map(s -> matrix.items().idOf(s.item())).toList();
    }
}
