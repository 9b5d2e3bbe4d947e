package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vsekai.backpack.contracts.vision.ClassScore;
import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** An image classifier's probabilities {@code [B,K]} (already soft-maxed, as PaddleOCR's are), most probable first. */
record ClassifierDecoder(DecoderSettings settings) implements Decoder {

    @Override
    public List<ImageFindings> decode(OrtSession.Result result, List<Placement> placements) throws OrtException {
        Outputs probabilities = Outputs.of(result, settings.outputs().get(0));
        int classes = probabilities.dim(1);
        List<ImageFindings> findings = new ArrayList<>(placements.size());
        for (int b = 0; b < placements.size(); b++) {
            List<ClassScore> scores = new ArrayList<>(classes);
            for (int k = 0; k < classes; k++) {
                scores.add(new ClassScore(settings.labels().name(k), probabilities.at(b * classes + k)));
            }
            scores.sort(Comparator.comparingDouble(ClassScore::score).reversed());
            findings.add(ImageFindings.ofClasses(scores));
        }
        return findings;
    }
}
