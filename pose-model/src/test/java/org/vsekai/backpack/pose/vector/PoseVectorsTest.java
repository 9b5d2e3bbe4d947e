package org.vsekai.backpack.pose.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Quaternion;
import org.vsekai.backpack.pose.skeleton.Vec3;
import org.vsekai.backpack.pose.synthetic.SyntheticPoses;

class PoseVectorsTest {

    private final Random random = new Random(1);

    @Test
    void theVectorIsUnitLengthRootRelativeAndScaleFree() {
        List<Vec3> body = SyntheticPoses.random(random);
        float[] v = PoseVectors.rootRelative(body);
        assertThat(v).hasSize(51);
        assertThat(dot(v, v)).isCloseTo(1f, within(1e-5f));
        float[] moved = PoseVectors.rootRelative(SyntheticPoses.placed(body, Quaternion.IDENTITY, 2.5,
                new Vec3(3, -1, 7)));
        assertThat(moved).containsExactly(v, within(1e-6f));
        // The root is the hips' midpoint: the two hips are opposite.
        for (int c = 0; c < 3; c++) {
            assertThat(v[3 * Coco17.LEFT_HIP + c]).isCloseTo(-v[3 * Coco17.RIGHT_HIP + c], within(1e-6f));
        }
    }

    @Test
    void onlyTheRotationInvariantVariantIgnoresWhereTheBodyFaces() {
        List<Vec3> body = SyntheticPoses.random(random);
        List<Vec3> turned = SyntheticPoses.placed(body, SyntheticPoses.randomRotation(random, Math.PI)
                .times(Quaternion.ofAxisAngle(Vec3.Y, 1.0)), 0.8, new Vec3(1, 2, 3));
        assertThat(dot(PoseVectors.rootRelative(body), PoseVectors.rootRelative(turned))).isLessThan(0.95f);
        assertThat(PoseVectors.rotationInvariant(turned))
                .containsExactly(PoseVectors.rotationInvariant(body), within(1e-5f));
        // A different pose is a different vector.
        float[] other = PoseVectors.rotationInvariant(SyntheticPoses.random(random));
        assertThat(dot(other, PoseVectors.rotationInvariant(body))).isLessThan(0.999f);
    }

    @Test
    void withoutHipsThereIsNoRootAndAMissingPointIsZero() {
        List<Vec3> body = new ArrayList<>(SyntheticPoses.random(random));
        body.set(Coco17.LEFT_WRIST, null);
        float[] v = PoseVectors.rootRelative(body);
        assertThat(v[3 * Coco17.LEFT_WRIST]).isZero();
        assertThat(dot(v, v)).isCloseTo(1f, within(1e-5f));
        body.set(Coco17.LEFT_HIP, null);
        assertThat(PoseVectors.rootRelative(body)).isNull();
        assertThat(PoseVectors.rotationInvariant(body)).isNull();
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
