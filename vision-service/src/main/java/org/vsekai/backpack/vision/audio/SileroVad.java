package org.vsekai.backpack.vision.audio;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.vsekai.backpack.contracts.vision.TensorSpec;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.Signature;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Silero VAD v5 on 16 kHz audio, one 512-sample window at a time, as its own wrapper feeds it: the input is the
 * previous window's last 64 samples (zeros at first) followed by the window ({@code [1,576]}); the recurrent state
 * {@code [2,1,128]} (zeros at first) comes back with every answer and goes into the next call; {@code sr} is 16000.
 * One instance per stream of audio (the state is the stream's); the session is shared.
 */
public final class SileroVad {

    public static final int RATE = 16_000;
    public static final int WINDOW = 512;
    public static final int CONTEXT = 64;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final float[] input = new float[CONTEXT + WINDOW];
    private float[] state = new float[2 * 128];

    public SileroVad(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    /** Start fails unless the file has Silero v5's inputs and outputs, by name. */
    public static void check(String file, OrtSession session) throws OrtException {
        Signature signature = Signature.of(session);
        List<String> inputs = signature.inputs().stream().map(TensorSpec::name).sorted().toList();
        List<String> outputs = signature.outputs().stream().map(TensorSpec::name).sorted().toList();
        if (!inputs.equals(List.of("input", "sr", "state")) || !outputs.equals(List.of("output", "stateN"))) {
            throw new ModelLoadException("voice-activity model " + file + " is not Silero VAD v5: expected inputs "
                    + "input, state, sr and outputs output, stateN; actual " + signature.describe());
        }
    }

    /** The speech probability of the next window (exactly {@link #WINDOW} samples of 16 kHz audio). */
    public float next(float[] window) throws OrtException {
        System.arraycopy(window, 0, input, CONTEXT, WINDOW);
        float probability;
        try (OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                new long[] {1, CONTEXT + WINDOW});
             OnnxTensor s = OnnxTensor.createTensor(environment, FloatBuffer.wrap(state), new long[] {2, 1, 128});
             OnnxTensor sr = OnnxTensor.createTensor(environment, (long) RATE);
             OrtSession.Result result = session.run(Map.of("input", x, "state", s, "sr", sr))) {
            probability = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer().get(0);
            FloatBuffer next = ((OnnxTensor) result.get("stateN").orElseThrow()).getFloatBuffer();
            float[] carried = new float[state.length];
            next.get(carried);
            state = carried;
        }
        // The window's tail is the next call's context.
        System.arraycopy(input, WINDOW, input, 0, CONTEXT);
        return probability;
    }
}
