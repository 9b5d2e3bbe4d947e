package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.vision.tensor.Placement;

/** Box arithmetic shared by the decoders: tensor corners to image boxes, overlap, non-maximum suppression. */
final class Boxes {

    private Boxes() {
    }

    /** Corners in tensor pixels to a box in image pixels, clipped to the image. */
    static BoundingBox toImage(double x1, double y1, double x2, double y2, Placement placement) {
        double left = clip(placement.toImageX(x1), placement.imageWidth());
        double top = clip(placement.toImageY(y1), placement.imageHeight());
        double right = clip(placement.toImageX(x2), placement.imageWidth());
        double bottom = clip(placement.toImageY(y2), placement.imageHeight());
        return new BoundingBox(left, top, right - left, bottom - top);
    }

    static double clip(double value, int max) {
        return Math.max(0, Math.min(max, value));
    }

    /** Intersection over union of two boxes given as corners {x1, y1, x2, y2}. */
    static double iou(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /** A candidate for suppression: its corners, score and whatever the decoder keeps with it. */
    record Candidate<T>(double[] corners, double score, T payload) {
    }

    /** Greedy non-maximum suppression: best first, dropping any that overlaps a kept one by more than the threshold. */
    static <T> List<Candidate<T>> suppress(List<Candidate<T>> candidates, double iouThreshold, int max) {
        List<Candidate<T>> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble((Candidate<T> c) -> c.score()).reversed());
        List<Candidate<T>> kept = new ArrayList<>();
        for (Candidate<T> candidate : sorted) {
            if (kept.size() >= max) {
                break;
            }
            if (kept.stream().noneMatch(k -> iou(k.corners(), candidate.corners()) > iouThreshold)) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
