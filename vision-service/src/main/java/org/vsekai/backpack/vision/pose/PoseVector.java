package org.vsekai.backpack.vision.pose;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.vision.Keypoint;

/**
 * A pose as a vector for similarity search: every point's (x, y) minus the centroid of the confident points, the
 * whole scaled to unit length. Moving the body does not change it (the centroid moves along), nor does seeing it
 * larger or smaller (the scale cancels), so two people in one pose are close by cosine or Euclidean distance.
 * Points below the threshold are (0, 0); with fewer than two confident points the vector is all zeros.
 */
public final class PoseVector {

    private PoseVector() {
    }

    public static List<Double> of(List<Keypoint> points, double threshold) {
        double sumX = 0;
        double sumY = 0;
        int confident = 0;
        for (Keypoint point : points) {
            if (point.score() >= threshold) {
                sumX += point.x();
                sumY += point.y();
                confident++;
            }
        }
        double[] vector = new double[points.size() * 2];
        if (confident >= 2) {
            double cx = sumX / confident;
            double cy = sumY / confident;
            double norm = 0;
            for (int i = 0; i < points.size(); i++) {
                Keypoint point = points.get(i);
                if (point.score() >= threshold) {
                    vector[2 * i] = point.x() - cx;
                    vector[2 * i + 1] = point.y() - cy;
                    norm += vector[2 * i] * vector[2 * i] + vector[2 * i + 1] * vector[2 * i + 1];
                }
            }
            norm = Math.sqrt(norm);
            for (int i = 0; norm > 0 && i < vector.length; i++) {
                vector[i] /= norm;
            }
        }
        List<Double> values = new ArrayList<>(vector.length);
        for (double v : vector) {
            values.add(v);
        }
        return values;
    }
}
