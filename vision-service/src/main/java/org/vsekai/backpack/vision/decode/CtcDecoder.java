package org.vsekai.backpack.vision.decode;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.ocr.Ctc;
import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A CTC recogniser's probabilities {@code [B,T,V]} to one text line per image: a {@code text} detection over the
 * whole image with the text read and its confidence (also its score). Class 0 is the blank, class {@code i} the
 * label {@code i - 1}; a class after the last label is a space (PaddleOCR's {@code use_space_char}).
 */
record CtcDecoder(DecoderSettings settings) implements Decoder {

    static final String LABEL = "text";

    @Override
    public List<ImageFindings> decode(OrtSession.Result result, List<Placement> placements) throws OrtException {
        Outputs output = Outputs.of(result, settings.outputs().get(0));
        int steps = output.dim(1);
        int classes = output.dim(2);
        float[] values = output.array();
        List<ImageFindings> findings = new ArrayList<>(placements.size());
        for (int b = 0; b < placements.size(); b++) {
            int offset = b * steps * classes;
            Ctc.Reading read = settings.beamWidth() > 1
                    ? Ctc.beam(values, offset, steps, classes, settings.beamWidth(), this::symbol)
                    : Ctc.greedy(values, offset, steps, classes, this::symbol);
            Placement placement = placements.get(b);
            findings.add(ImageFindings.ofDetections(List.of(new Detection(LABEL, read.confidence(),
                    new BoundingBox(0, 0, placement.imageWidth(), placement.imageHeight()),
                    settings.labels().iriBase() + LABEL, null, read.text(), read.confidence(), null))));
        }
        return findings;
    }

    private String symbol(int index) {
        return index <= settings.labels().size() ? settings.labels().name(index - 1) : " ";
    }
}
