package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * YOLOv8-pose as Ultralytics exports it: {@code output0 [B,56,A]}, channel-major, per anchor the box centre and
 * size in tensor pixels, the person score, then 17 × (x, y, confidence). Threshold, NMS, then the letterbox undone.
 */
record YoloV8PoseDecoder(DecoderSettings settings) implements Decoder {

    private static final int SCORE = 4;
    private static final int FIRST_JOINT = 5;


    @Override
    public List<ImageFindings> decode(OrtSession.Result result, List<Placement> placements) throws OrtException {
        Outputs out = Outputs.of(result, "output0");
        int channels = out.dim(1);
        int anchors = out.dim(2);
        List<ImageFindings> findings = new ArrayList<>(placements.size());
        for (int b = 0; b < placements.size(); b++) {
            int base = b * channels * anchors;
            List<Boxes.Candidate<double[]>> candidates = new ArrayList<>();
            for (int a = 0; a < anchors; a++) {
                double score = out.at(base + SCORE * anchors + a);
                if (score < settings.scoreThreshold()) {
                    continue;
                }
                double cx = out.at(base + a);
                double cy = out.at(base + anchors + a);
                double w = out.at(base + 2 * anchors + a);
                double h = out.at(base + 3 * anchors + a);
                double[] joints = new double[Poses.POINTS * 3];
                for (int k = 0; k < joints.length; k++) {
                    joints[k] = out.at(base + (FIRST_JOINT + k) * anchors + a);
                }
                candidates.add(new Boxes.Candidate<>(new double[] {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2},
                        score, joints));
            }
            List<KeypointSet> people = new ArrayList<>();
            for (Boxes.Candidate<double[]> kept : Boxes.suppress(candidates, settings.iouThreshold(),
                    settings.maxDetections())) {
                people.add(Poses.person(kept.corners(), kept.score(), kept.payload(), placements.get(b),
                        settings.keypointThreshold()));
            }
            findings.add(ImageFindings.ofPeople(people));
        }
        return findings;
    }
}
