package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * YOLO-NAS-Pose exported with its post-processing (NMS inside the model): four outputs by position, the number of
 * people per image {@code [B,1]}, their boxes {@code [B,N,4]} as tensor-pixel corners, scores {@code [B,N]} and
 * joints {@code [B,N,17,3]} (x, y, score). Rows past the count are padding and ignored, whatever they hold.
 */
record YoloNasPoseDecoder(DecoderSettings settings) implements Decoder {

    @Override
    public List<ImageFindings> decode(OrtSession.Result result, List<Placement> placements) throws OrtException {
        List<String> names = settings.outputs();
        Outputs count = Outputs.of(result, names.get(0));
        Outputs boxes = Outputs.of(result, names.get(1));
        Outputs scores = Outputs.of(result, names.get(2));
        Outputs joints = Outputs.of(result, names.get(3));
        int rows = boxes.dim(1);
        List<ImageFindings> findings = new ArrayList<>(placements.size());
        for (int b = 0; b < placements.size(); b++) {
            int valid = Math.max(0, Math.min(rows, (int) count.at(b * count.dim(1))));
            List<KeypointSet> people = new ArrayList<>();
            for (int i = 0; i < valid; i++) {
                int row = b * rows + i;
                double score = scores.at(row);
                if (score < settings.scoreThreshold()) {
                    continue;
                }
                double[] corners = {boxes.at(row * 4), boxes.at(row * 4 + 1), boxes.at(row * 4 + 2),
                        boxes.at(row * 4 + 3)};
                double[] points = new double[Poses.POINTS * 3];
                for (int k = 0; k < points.length; k++) {
                    points[k] = joints.at(row * Poses.POINTS * 3 + k);
                }
                people.add(Poses.person(corners, score, points, placements.get(b), settings.keypointThreshold()));
            }
            people.sort(Comparator.comparingDouble(KeypointSet::score).reversed());
            findings.add(ImageFindings.ofPeople(people.subList(0, Math.min(people.size(),
                    settings.maxDetections()))));
        }
        return findings;
    }
}
