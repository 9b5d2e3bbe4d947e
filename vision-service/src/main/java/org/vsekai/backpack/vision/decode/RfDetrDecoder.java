package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.model.Labels;
import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * RF-DETR: {@code dets [B,Q,4]} boxes as normalised (cx, cy, w, h) and {@code labels [B,Q,C]} class logits, the
 * class index being the COCO category id. As RF-DETR's own post-processing: sigmoid over every query × class pair,
 * the best {@code maxDetections} pairs above the threshold (so one query may give two classes), no NMS.
 */
record RfDetrDecoder(DecoderSettings settings) implements Decoder {

    @Override
    public List<ImageFindings> decode(OrtSession.Result result, List<Placement> placements) throws OrtException {
        Outputs boxes = Outputs.of(result, "dets");
        Outputs logits = Outputs.of(result, "labels");
        int queries = boxes.dim(1);
        int classes = logits.dim(2);
        // sigmoid(x) >= t exactly when x >= logit(t): the comparison needs no exp for the thousands of pairs below.
        double t = settings.scoreThreshold();
        double minLogit = t <= 0 ? Double.NEGATIVE_INFINITY : t >= 1 ? Double.POSITIVE_INFINITY : Math.log(t / (1 - t));
        Labels labels = settings.labels();
        List<ImageFindings> findings = new ArrayList<>(placements.size());
        for (int b = 0; b < placements.size(); b++) {
            List<int[]> pairs = new ArrayList<>();
            int logitBase = b * queries * classes;
            for (int q = 0; q < queries; q++) {
                for (int c = 0; c < classes; c++) {
                    if (logits.at(logitBase + q * classes + c) >= minLogit && !labels.name(c).isEmpty()) {
                        pairs.add(new int[] {q, c});
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble((int[] p) -> logits.at(logitBase + p[0] * classes + p[1]))
                    .reversed());
            Placement placement = placements.get(b);
            List<Detection> detections = new ArrayList<>();
            for (int[] pair : pairs.subList(0, Math.min(pairs.size(), settings.maxDetections()))) {
                int box = (b * queries + pair[0]) * 4;
                double cx = boxes.at(box);
                double cy = boxes.at(box + 1);
                double w = boxes.at(box + 2);
                double h = boxes.at(box + 3);
                double score = 1 / (1 + Math.exp(-logits.at(logitBase + pair[0] * classes + pair[1])));
                detections.add(new Detection(labels.name(pair[1]), score, Boxes.toImage(
                        (cx - w / 2) * placement.tensorWidth(), (cy - h / 2) * placement.tensorHeight(),
                        (cx + w / 2) * placement.tensorWidth(), (cy + h / 2) * placement.tensorHeight(), placement),
                        labels.iri(pair[1]), pair[1]));
            }
            findings.add(ImageFindings.ofDetections(detections));
        }
        return findings;
    }
}
