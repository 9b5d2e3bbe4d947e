package org.vsekai.backpack.pose.skeleton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.pose.synthetic.SyntheticPoses;

class KinematicChainTest {

    private final KinematicChain chain = new KinematicChain(RestPose.T_POSE);

    @Test
    void theRestPoseGivesIdentityRotationsWherever_andHowever_ItStands() {
        KinematicPose pose = chain.solve(SyntheticPoses.placed(RestPose.T_POSE_POINTS, Quaternion.IDENTITY, 1.3,
                new Vec3(2, 1, -4)));
        assertThat(pose.localRotations()).containsOnlyKeys(Joint.values());
        for (Joint joint : Joint.values()) {
            assertThat(pose.localRotations().get(joint).angleTo(Quaternion.IDENTITY)).as("%s", joint)
                    .isLessThan(1e-9);
        }
        assertThat(pose.positions().get(Joint.HIPS)).isEqualTo(new Vec3(2, 1, -4));
        assertThat(pose.bones()).hasSize(Joint.values().length - 1);
    }

    @Test
    void aWholeBodyTurnIsTheRootsRotationAlone() {
        Quaternion turn = Quaternion.ofAxisAngle(new Vec3(0.3, 1, -0.2), 2.1);
        KinematicPose pose = chain.solve(SyntheticPoses.placed(RestPose.T_POSE_POINTS, turn, 1, Vec3.ZERO));
        assertThat(pose.localRotations().get(Joint.HIPS).angleTo(turn)).isLessThan(1e-9);
        for (Joint joint : Joint.values()) {
            assertThat(pose.globalRotations().get(joint).angleTo(turn)).as("%s", joint).isLessThan(1e-9);
            if (joint != Joint.HIPS) {
                assertThat(pose.localRotations().get(joint).angleTo(Quaternion.IDENTITY)).isLessThan(1e-9);
            }
        }
    }

    @Test
    void aKnownElbowBendIsRecoveredAsTheElbowsLocalRotationInAnyBodyOrientation() {
        // Bend the left forearm (along +X at rest) 70° about the body's forward axis, then turn the whole body.
        Quaternion bend = Quaternion.ofAxisAngle(Vec3.Z, Math.toRadians(70));
        List<Vec3> body = new ArrayList<>(RestPose.T_POSE_POINTS);
        Vec3 elbow = body.get(Coco17.LEFT_ELBOW);
        body.set(Coco17.LEFT_WRIST, bend.rotate(body.get(Coco17.LEFT_WRIST).minus(elbow)).plus(elbow));
        Quaternion turn = Quaternion.ofAxisAngle(new Vec3(1, 2, 3), 0.8);
        KinematicPose pose = chain.solve(SyntheticPoses.placed(body, turn, 1, new Vec3(0, 1, 0)));

        assertThat(pose.localRotations().get(Joint.LEFT_ELBOW).angleTo(bend)).isLessThan(1e-9);
        assertThat(pose.localRotations().get(Joint.LEFT_SHOULDER).angleTo(Quaternion.IDENTITY)).isLessThan(1e-9);
        assertThat(pose.localRotations().get(Joint.RIGHT_ELBOW).angleTo(Quaternion.IDENTITY)).isLessThan(1e-9);
        BoneVector forearm = pose.bones().stream().filter(b -> b.to() == Joint.LEFT_WRIST).findFirst().orElseThrow();
        assertThat(forearm.length()).isCloseTo(0.26, within(1e-12));
        assertThat(forearm.direction().dot(turn.rotate(bend.rotate(Vec3.X)))).isCloseTo(1, within(1e-12));
    }

    @Test
    void aKneeBendAndATorsoTwistAreTheirJointsRotations() {
        Quaternion knee = Quaternion.ofAxisAngle(Vec3.X, Math.toRadians(-50));
        Quaternion twist = Quaternion.ofAxisAngle(Vec3.Y, Math.toRadians(30));
        List<Vec3> body = new ArrayList<>(RestPose.T_POSE_POINTS);
        Vec3 k = body.get(Coco17.RIGHT_KNEE);
        body.set(Coco17.RIGHT_ANKLE, knee.rotate(body.get(Coco17.RIGHT_ANKLE).minus(k)).plus(k));
        // Twist everything above the spine's middle about the vertical through it.
        Vec3 spine = new Vec3(0, 0.225, 0);
        for (int i = 0; i <= Coco17.RIGHT_WRIST; i++) {
            body.set(i, twist.rotate(body.get(i).minus(spine)).plus(spine));
        }
        KinematicPose pose = chain.solve(body);
        assertThat(pose.localRotations().get(Joint.RIGHT_KNEE).angleTo(knee)).isLessThan(1e-9);
        assertThat(pose.localRotations().get(Joint.SPINE).angleTo(twist)).isLessThan(1e-9);
        assertThat(pose.localRotations().get(Joint.NECK).angleTo(Quaternion.IDENTITY)).isLessThan(1e-9);
        assertThat(pose.localRotations().get(Joint.HIPS).angleTo(Quaternion.IDENTITY)).isLessThan(1e-9);
    }

    /** Driving the rest rig with the rotations and lengths puts every bone where it was measured, but the four
     *  offset bones (neck to shoulders, hips to hip sides), which a rig keeps at its rest offset. */
    @Test
    void forwardKinematicsOfTheRotationsReproducesTheBonesOfRandomPoses() {
        Set<Joint> offsets = EnumSet.of(Joint.LEFT_SHOULDER, Joint.RIGHT_SHOULDER, Joint.LEFT_HIP, Joint.RIGHT_HIP);
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            KinematicPose pose = chain.solve(SyntheticPoses.random(random));
            Map<Joint, Double> lengths = new EnumMap<>(Joint.class);
            pose.bones().forEach(b -> lengths.put(b.to(), b.length()));
            Map<Joint, Vec3> driven = chain.forward(pose.positions().get(Joint.HIPS), pose.localRotations(), lengths);
            for (BoneVector bone : pose.bones()) {
                if (offsets.contains(bone.to())) {
                    continue;
                }
                Vec3 direction = driven.get(bone.to()).minus(driven.get(bone.from())).unit();
                assertThat(direction.dot(bone.direction())).as("bone to %s", bone.to()).isCloseTo(1, within(1e-9));
            }
        }
    }

    @Test
    void missingPointsLeaveOutTheirJointsOnly() {
        List<Vec3> body = new ArrayList<>(RestPose.T_POSE_POINTS);
        body.set(Coco17.LEFT_WRIST, null);
        body.set(Coco17.LEFT_EAR, null);
        KinematicPose pose = chain.solve(body);
        assertThat(pose.positions()).doesNotContainKey(Joint.LEFT_WRIST);
        assertThat(pose.localRotations()).doesNotContainKeys(Joint.LEFT_ELBOW, Joint.LEFT_WRIST);
        // Without an ear the head is the nose and keeps the neck's rotation.
        assertThat(pose.positions().get(Joint.HEAD)).isEqualTo(RestPose.T_POSE_POINTS.get(Coco17.NOSE));
        assertThat(pose.localRotations().get(Joint.HEAD)).isEqualTo(Quaternion.IDENTITY);
        assertThat(pose.localRotations()).containsKeys(Joint.RIGHT_ELBOW, Joint.LEFT_SHOULDER);
    }
}
