package org.vsekai.backpack.vision.bench;

import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.vsekai.backpack.contracts.generation.GenerationSummary;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.generate.DecoderModel;
import org.vsekai.backpack.vision.generate.Generation;
import org.vsekai.backpack.vision.generate.GenerationSettings;
import org.vsekai.backpack.vision.generate.GenerationSink;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.imaging.ImageModel;
import org.vsekai.backpack.vision.model.ModelLoader;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * Text generation in the vision benchmark: prefill and decode tokens per second and the time to the first token of
 * the engine ({@link Generation}: cache handling, sampling, incremental decoding and the reasoning/stop split), against
 * a bare step loop over {@code OrtSession.run} on the same model (the presents fed back as the pasts, argmax). The
 * model is the tests' tiny decoder (tiny-endless: its end token never comes), whose runs cost next to nothing, so the
 * ratio is the engine's own cost per token, the part a real model's compute would hide. Then image to image: input
 * megapixels per second through the tiles against one bare run of the whole image.
 */
public final class GenerationBench {

    private GenerationBench() {
    }

    /** This section alone: {@code [runs]}. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        System.out.printf("Generation benchmark: %d cores, Java %s, ONNX Runtime %s%n", Runtime.getRuntime()
                .availableProcessors(), System.getProperty("java.version"), ModelLoader.environment().getVersion());
        run(runs, 256, 256);
    }

    static void run(int runs, int prompt, int tokens) throws Exception {
        text(runs, prompt, tokens);
        imageToImage(Math.max(5, runs / 4));
    }

    /** MPix/s of input through the tiles (64, overlap 8) against one bare run of the whole image. */
    private static void imageToImage(int runs) throws Exception {
        ImageModel upscale = ImageModel.load("upscale", TestConfigs.vision().imageToImage().models().get("upscale"));
        try (upscale) {
            int side = 1024;
            Random random = new Random(1);
            int[] pixels = new int[side * side];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextInt(1 << 24);
            }
            RgbImage image = new RgbImage(side, side, pixels);
            float[] whole = new float[3 * side * side];
            long[] tiled = new long[runs];
            long[] bare = new long[runs];
            for (int i = -2; i < runs; i++) {
                long start = System.nanoTime();
                upscale.transform().apply(image, upscale::run);
                long middle = System.nanoTime();
                upscale.run(whole, side, side);
                long end = System.nanoTime();
                if (i >= 0) {
                    tiled[i] = middle - start;
                    bare[i] = end - middle;
                }
            }
            double megapixels = side * side / 1e6;
            System.out.printf("%n6. Image to image (nearest 2x, %dx%d input, tiles of %d overlapping by 8, median of %d)"
                    + "%n", side, side, upscale.tile(), runs);
            System.out.printf("%-28s %14.1f MPix/s (%.0f ms)%n", "tiled and blended", megapixels / seconds(tiled),
                    median(tiled) / 1e6);
            System.out.printf("%-28s %14.1f MPix/s (%.0f ms)%n", "bare run, whole image", megapixels / seconds(bare),
                    median(bare) / 1e6);
        }
    }

    private static void text(int runs, int prompt, int tokens) throws Exception {
        VisionConfig.Generator config = TestConfigs.vision().generation().models().get("tiny-endless");
        try (DecoderModel model = DecoderModel.load("tiny-endless", config);
             OrtSession bare = ModelLoader.environment().createSession(resource(), new OrtSession.SessionOptions())) {
            long[] ids = new long[prompt];
            Arrays.fill(ids, 3); // "a": a prompt of `prompt` tokens
            long[] barePrefill = new long[runs];
            long[] bareDecode = new long[runs];
            long[] enginePrefill = new long[runs];
            long[] engineDecode = new long[runs];
            long[] firstToken = new long[runs];
            for (int i = -runs / 4; i < runs; i++) { // the first quarter warms up
                long[] bareTimes = bareLoop(bare, ids, tokens);
                long[] engineTimes = engine(model, ids, tokens);
                if (i >= 0) {
                    barePrefill[i] = bareTimes[0];
                    bareDecode[i] = bareTimes[1];
                    enginePrefill[i] = engineTimes[0];
                    engineDecode[i] = engineTimes[1];
                    firstToken[i] = engineTimes[2];
                }
            }
            System.out.printf("%n5. Text generation (tiny decoder, prompt %d tokens, %d generated, greedy, median of %d)"
                    + "%n", prompt, tokens, runs);
            System.out.printf("%-28s %14s %14s %8s%n", "", "bare loop", "engine", "ratio");
            double bp = prompt / seconds(barePrefill);
            double ep = prompt / seconds(enginePrefill);
            double bd = (tokens - 1) / seconds(bareDecode);
            double ed = (tokens - 1) / seconds(engineDecode);
            System.out.printf("%-28s %14.0f %14.0f %7.2fx%n", "prefill tokens/s", bp, ep, bp / ep);
            System.out.printf("%-28s %14.0f %14.0f %7.2fx%n", "decode tokens/s", bd, ed, bd / ed);
            System.out.printf("%-28s %14s %14.3f%n", "time to first token, ms", "", median(firstToken) / 1e6);
        }
    }

    private static byte[] resource() throws Exception {
        try (InputStream in = GenerationBench.class.getClassLoader().getResourceAsStream("models/tiny-decoder.onnx")) {
            return in.readAllBytes();
        }
    }

    private static double seconds(long[] nanos) {
        return median(nanos) / 1e9;
    }

    /** Prefill nanoseconds, then the decode steps' nanoseconds. */
    private static long[] bareLoop(OrtSession session, long[] prompt, int tokens) throws Exception {
        OrtEnvironment env = ModelLoader.environment();
        List<OnnxTensor> past = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            past.add(OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {1, 1, 0, 2}));
        }
        OrtSession.Result previous = null;
        long[] input = prompt;
        int length = 0;
        long start = System.nanoTime();
        long prefill = 0;
        for (int t = 0; t < tokens; t++) {
            int total = length + input.length;
            long[] mask = new long[total];
            Arrays.fill(mask, 1);
            long[] positions = new long[input.length];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = length + i;
            }
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(input), new long[] {1, input.length});
                 OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, total});
                 OnnxTensor position = OnnxTensor.createTensor(env, LongBuffer.wrap(positions),
                         new long[] {1, input.length})) {
                inputs.put("input_ids", ids);
                inputs.put("attention_mask", attention);
                inputs.put("position_ids", position);
                for (int layer = 0; layer < 2; layer++) {
                    inputs.put("past_key_values." + layer + ".key", past.get(2 * layer));
                    inputs.put("past_key_values." + layer + ".value", past.get(2 * layer + 1));
                }
                OrtSession.Result result = session.run(inputs);
                if (previous != null) {
                    previous.close();
                } else {
                    past.forEach(OnnxTensor::close);
                }
                previous = result;
                float[] logits = ((float[][][]) result.get(0).getValue())[0][input.length - 1];
                int best = 0;
                for (int v = 1; v < logits.length; v++) {
                    if (logits[v] > logits[best]) {
                        best = v;
                    }
                }
                past.clear();
                for (int layer = 0; layer < 2; layer++) {
                    past.add((OnnxTensor) result.get("present." + layer + ".key").orElseThrow());
                    past.add((OnnxTensor) result.get("present." + layer + ".value").orElseThrow());
                }
                length = total;
                input = new long[] {best};
            }
            if (t == 0) {
                prefill = System.nanoTime() - start;
            }
        }
        long decode = System.nanoTime() - start - prefill;
        previous.close();
        return new long[] {prefill, decode};
    }

    /** Prefill nanoseconds, decode nanoseconds, time to the first token. */
    private static long[] engine(DecoderModel model, long[] prompt, int tokens) {
        GenerationSettings settings = new GenerationSettings(tokens, false, tokens, List.of(), 0, 0, 1, 1,
                Long.MAX_VALUE / 2);
        GenerationSink sink = new GenerationSink() {
            @Override
            public void reasoning(String text) {
            }

            @Override
            public void answer(String text) {
            }

            @Override
            public void done(GenerationSummary summary) {
            }

            @Override
            public void failed(Exception error) {
                throw new IllegalStateException(error);
            }
        };
        long start = System.nanoTime();
        Generation generation = new Generation(model, prompt, settings, sink, System::nanoTime);
        generation.step();
        long prefill = System.nanoTime() - start;
        while (generation.step()) {
            // each step one token
        }
        long decode = System.nanoTime() - start - prefill;
        return new long[] {prefill, decode, (long) (generation.summary().timeToFirstTokenMs() * 1e6)};
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
