package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.vision.pose.CocoSkeleton;
import org.vsekai.backpack.vision.pose.PoseVector;
import org.vsekai.backpack.vision.tensor.Placement;

/** One person of a pose model, from tensor pixels to a keypoint set in image pixels with its chain and vector. */
final class Poses {

    static final int POINTS = CocoSkeleton.POINTS.size();

    private Poses() {
    }

    /**
     * @param corners x1, y1, x2, y2 of the person's box in tensor pixels
     * @param joints  x, y, score of each COCO-17 point in tensor pixels
     */
    static KeypointSet person(double[] corners, double score, double[] joints, Placement placement,
                              double keypointThreshold) {
        List<Keypoint> points = new ArrayList<>(POINTS);
        for (int k = 0; k < POINTS; k++) {
            double x = Boxes.clip(placement.toImageX(joints[3 * k]), placement.imageWidth());
            double y = Boxes.clip(placement.toImageY(joints[3 * k + 1]), placement.imageHeight());
            points.add(new Keypoint(CocoSkeleton.POINTS.get(k), x, y, joints[3 * k + 2]));
        }
        return new KeypointSet(Boxes.toImage(corners[0], corners[1], corners[2], corners[3], placement), score,
                points, CocoSkeleton.CHAIN, PoseVector.of(points, keypointThreshold), CocoSkeleton.NAME);
    }
}
