package org.vsekai.backpack.pose.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.pose.synthetic.SyntheticPoses;
import org.vsekai.backpack.pose.vector.PoseVectors;

class PoseSearchTest {

    private static List<float[]> poses(int n, long seed) {
        Random random = new Random(seed);
        List<float[]> poses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            poses.add(PoseVectors.rotationInvariant(SyntheticPoses.random(random)));
        }
        return poses;
    }

    @Test
    void theExactIndexReturnsTheKMostSimilarInOrder() {
        List<float[]> poses = poses(500, 2);
        ExactPoseIndex index = new ExactPoseIndex(PoseVectors.DIMENSIONS);
        for (int i = 0; i < poses.size(); i++) {
            index.add("p" + i, poses.get(i));
        }
        float[] query = poses.get(17);
        List<PoseMatch> top = index.nearest(query, 10);
        assertThat(top).hasSize(10);
        assertThat(top.get(0).id()).isEqualTo("p17");
        assertThat(top.get(0).similarity()).isCloseTo(1f, within(1e-5f));
        // Against a sort of every similarity.
        List<Float> all = new ArrayList<>();
        for (float[] p : poses) {
            all.add(dot(p, query));
        }
        all.sort((a, b) -> Float.compare(b, a));
        for (int i = 0; i < 10; i++) {
            assertThat(top.get(i).similarity()).isEqualTo(all.get(i));
        }
        assertThat(index.nearest(query, 1000)).hasSize(500);
    }

    @Test
    void pastTheThresholdTheGraphAnswersWithHighRecall() {
        List<float[]> poses = poses(3000, 3);
        try (PoseSearch search = new PoseSearch(PoseVectors.DIMENSIONS, 1000, PoseSearch.HnswSettings.DEFAULTS)) {
            for (int i = 0; i < 999; i++) {
                search.add("p" + i, poses.get(i));
            }
            assertThat(search.nearest(poses.get(5), 10).method()).isEqualTo(PoseSearch.Method.EXACT);
            for (int i = 999; i < poses.size(); i++) {
                search.add("p" + i, poses.get(i));
            }
            List<float[]> queries = poses(200, 4);
            int found = 0;
            for (float[] q : queries) {
                PoseSearch.Result result = search.nearest(q, 10);
                assertThat(result.method()).isEqualTo(PoseSearch.Method.HNSW);
                Set<String> truth = new HashSet<>();
                search.exactNearest(q, 10).forEach(m -> truth.add(m.id()));
                found += (int) result.matches().stream().filter(m -> truth.contains(m.id())).count();
                assertThat(result.matches().get(0).similarity()).isGreaterThanOrEqualTo(
                        result.matches().get(9).similarity());
            }
            assertThat(found / (10.0 * queries.size())).as("recall@10").isGreaterThan(0.9);
            // A stored pose added after the graph was built is found, with its similarity.
            PoseMatch self = search.nearest(poses.get(2500), 1).matches().get(0);
            assertThat(self.id()).isEqualTo("p2500");
            assertThat(self.similarity()).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void aVectorOfTheWrongShapeIsRefused() {
        ExactPoseIndex index = new ExactPoseIndex(PoseVectors.DIMENSIONS);
        assertThatThrownBy(() -> index.add("x", new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("51 dimensions");
        assertThatThrownBy(() -> index.add("x", new float[51])).hasMessageContaining("unit length");
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
