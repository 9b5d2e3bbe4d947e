package org.vsekai.backpack.vision.decode;

import java.util.List;

import org.vsekai.backpack.vision.tensor.Placement;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Reads one model's outputs for a batch into findings per image, in the pixels of each original image. */
public interface Decoder {

    /** @param placements where each image of the batch is in the input tensor, in batch order */
    List<ImageFindings> decode(OrtSession.Result result, List<Placement> placements) throws OrtException;
}
