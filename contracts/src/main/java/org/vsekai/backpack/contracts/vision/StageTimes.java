package org.vsekai.backpack.contracts.vision;

/** Milliseconds one inference spent in each stage: image decode, pre-processing, the model run, decoding outputs. */
public record StageTimes(double decode, double pre, double run, double post) {
}
