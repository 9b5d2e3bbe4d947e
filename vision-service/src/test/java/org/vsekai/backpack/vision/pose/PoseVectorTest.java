package org.vsekai.backpack.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.Bone;
import org.vsekai.backpack.contracts.vision.Keypoint;

class PoseVectorTest {

    @Test
    void theVectorIsTheSameWhereverAndHoweverLargeTheBodyIs() {
        List<Keypoint> pose = pose(x -> x, y -> y);
        List<Double> vector = PoseVector.of(pose, 0.3);
        List<Double> moved = PoseVector.of(pose(x -> x + 500, y -> y - 70), 0.3);
        List<Double> larger = PoseVector.of(pose(x -> 3 * x + 11, y -> 3 * y + 5), 0.3);
        for (int i = 0; i < vector.size(); i++) {
            assertThat(moved.get(i)).isCloseTo(vector.get(i), within(1e-9));
            assertThat(larger.get(i)).isCloseTo(vector.get(i), within(1e-9));
        }
        assertThat(vector.stream().mapToDouble(v -> v * v).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void pointsBelowTheThresholdAreZeroAndDoNotMoveTheCentroid() {
        List<Keypoint> pose = new ArrayList<>(pose(x -> x, y -> y));
        pose.set(3, new Keypoint("left_ear", 9999, 9999, 0.1));
        List<Double> vector = PoseVector.of(pose, 0.3);
        assertThat(vector.subList(6, 8)).containsExactly(0.0, 0.0);
        List<Double> without = PoseVector.of(pose(x -> x, y -> y), 0.3);
        assertThat(vector.get(0)).isNotEqualTo(without.get(0)); // one point fewer changes the centroid and norm
        assertThat(vector.stream().mapToDouble(Double::doubleValue).map(Math::abs).max().orElseThrow())
                .isLessThanOrEqualTo(1.0);
    }

    @Test
    void fewerThanTwoConfidentPointsGiveZeros() {
        List<Keypoint> one = List.of(new Keypoint("nose", 5, 5, 0.9), new Keypoint("left_eye", 6, 6, 0.1));
        assertThat(PoseVector.of(one, 0.3)).containsExactly(0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void theChainIsATreeOverAllSeventeenPointsWithParentsFirst() {
        List<Integer> reached = new ArrayList<>(List.of(CocoSkeleton.CHAIN.get(0).from()));
        for (Bone bone : CocoSkeleton.CHAIN) {
            assertThat(reached).as("parent %d is reached before its child %d", bone.from(), bone.to())
                    .contains(bone.from());
            assertThat(reached).as("%d has one parent", bone.to()).doesNotContain(bone.to());
            reached.add(bone.to());
        }
        assertThat(reached).hasSize(17).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 17).boxed().toList());
    }

    private static List<Keypoint> pose(DoubleUnaryOperator x, DoubleUnaryOperator y) {
        List<Keypoint> points = new ArrayList<>();
        for (int k = 0; k < 17; k++) {
            points.add(new Keypoint(CocoSkeleton.POINTS.get(k), x.applyAsDouble(10 + 7 * k % 23),
                    y.applyAsDouble(40 - 3 * k + k * k % 5), 0.9));
        }
        return points;
    }
}
