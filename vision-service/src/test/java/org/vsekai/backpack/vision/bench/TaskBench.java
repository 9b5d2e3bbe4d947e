package org.vsekai.backpack.vision.bench;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.vsekai.backpack.contracts.audio.SpeechSegments;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.OcrModels;
import org.vsekai.backpack.vision.SharedData;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.TextDrawing;
import org.vsekai.backpack.vision.audio.SileroVad;
import org.vsekai.backpack.vision.audio.Speech;
import org.vsekai.backpack.vision.audio.VoiceActivity;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.embed.SentenceEmbedder;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.inference.InferenceEngine;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.model.ModelRegistry;
import org.vsekai.backpack.vision.ocr.LineCrops;
import org.vsekai.backpack.vision.ocr.OcrPipelineTest;
import org.vsekai.backpack.vision.ocr.TextReaders;
import org.vsekai.backpack.vision.tensor.Placement;
import org.vsekai.backpack.vision.tensor.Preprocessing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The model tasks of issue 17 in the vision benchmark: full OCR (ms per frame and lines per second, against the bare
 * {@code OrtSession.run}s of its three models on prepared tensors) and voice activity (real-time factor of the
 * whole upload path, WAV to segments, against the bare runs of Silero VAD on its windows).
 */
final class TaskBench {

    private TaskBench() {
    }

    static void run(int runs) throws Exception {
        System.out.printf("%n4. Model tasks (median of %d, ms)%n", runs);
        ocr(runs);
        vad(Math.max(5, runs / 20));
        embeddings(runs);
    }

    private static void embeddings(int runs) throws Exception {
        try (SentenceEmbedder embedder = new SentenceEmbedder(TestConfigs.vision(Map.of(
                "%test.backpack.vision.embeddings.enabled", "true")).embeddings())) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                texts.add("Item " + i + ": a wooden chair with a red cushion, seen in scene number " + (i * 7)
                        + " next to a lamp and a table.");
            }
            for (int batch : new int[] {1, 32}) {
                List<String> part = texts.subList(0, batch);
                long[] service = new long[runs];
                long[] bare = new long[runs];
                try (SentenceEmbedder.Prepared prepared = embedder.prepare(part)) {
                    for (int i = -runs / 4; i < runs; i++) {
                        long t0 = System.nanoTime();
                        prepared.runBare();
                        long t1 = System.nanoTime();
                        embedder.embed(part, batch);
                        long t2 = System.nanoTime();
                        if (i >= 0) {
                            bare[i] = t1 - t0;
                            service[i] = t2 - t1;
                        }
                    }
                }
                double b = median(bare);
                double f = median(service);
                System.out.printf("%-26s %9.2f %12.2f %7.2fx %7.1f texts/s%n", "embeddings, batch " + batch, b, f,
                        f / b, batch * 1000 / f);
            }
            System.out.println("   bare runs: OrtSession.run on the batch's prepared token tensors; service: tokenising,"
                    + " the run, masked mean pooling and normalisation (texts of about 25 tokens; the service runs 1"
                    + " text a run by default, embeddings.batch)");
        }
    }

    private static void ocr(int runs) throws Exception {
        Path[] files = OcrModels.files().orElse(null);
        if (files == null) {
            System.out.println("OCR skipped: the PaddleOCR models are not in ../shared/data/models");
            return;
        }
        VisionConfig config = TestConfigs.vision(OcrModels.pipeline(files[0], files[1], files[2], files[3], 1));
        ModelRegistry registry = new ModelRegistry(ModelLoader.loadAll(Map.of("ocr-det",
                config.models().get("ocr-det"), "ocr-cls", config.models().get("ocr-cls"), "ocr-rec",
                config.models().get("ocr-rec"))));
        try {
            InferenceEngine engine = new InferenceEngine(new VisionMetrics(new SimpleMeterRegistry()),
                    TextReaders.from(registry));
            LoadedModel det = registry.find("ocr-det").orElseThrow();
            LoadedModel cls = registry.find("ocr-cls").orElseThrow();
            LoadedModel rec = registry.find("ocr-rec").orElseThrow();
            RgbImage image = TextDrawing.rgb(OcrPipelineTest.drawing());
            List<Detection> boxes = TestConfigs.engine().run(det, List.of(image)).findings().get(0).detections();
            List<RgbImage> crops = new ArrayList<>();
            boxes.forEach(b -> crops.add(LineCrops.crop(image, b.quad())));
            crops.sort(Comparator.comparingDouble(c -> (double) c.width() / c.height()));
            RgbImage widest = crops.get(crops.size() - 1);
            int lineWidth = rec.preprocessing().place(widest.width(), widest.height()).tensorWidth();
            List<Placement> detPlace = List.of(det.preprocessing().place(image.width(), image.height()));
            List<Placement> clsPlace = crops.stream().map(c -> cls.preprocessing().place(c.width(), c.height()))
                    .toList();
            List<Placement> recPlace = crops.stream()
                    .map(c -> rec.preprocessing().placeIn(c.width(), c.height(), lineWidth)).toList();
            long[] bare = new long[runs];
            long[] full = new long[runs];
            int lines = 0;
            try (OnnxTensor detTensor = batch(engine.environment(), det, List.of(image), detPlace);
                 OnnxTensor clsTensor = batch(engine.environment(), cls, crops, clsPlace);
                 OnnxTensor recTensor = batch(engine.environment(), rec, crops, recPlace)) {
                for (int i = -runs / 4; i < runs; i++) {
                    long t0 = System.nanoTime();
                    for (var pair : List.of(Map.entry(det, detTensor), Map.entry(cls, clsTensor),
                            Map.entry(rec, recTensor))) {
                        try (OrtSession.Result r = pair.getKey().session().run(Map.of(pair.getKey().inputName(),
                                pair.getValue()))) {
                            r.size();
                        }
                    }
                    long t1 = System.nanoTime();
                    lines = (int) engine.run(det, List.of(image)).findings().get(0).detections().stream()
                            .filter(d -> d.text() != null).count();
                    long t2 = System.nanoTime();
                    if (i >= 0) {
                        bare[i] = t1 - t0;
                        full[i] = t2 - t1;
                    }
                }
            }
            double b = median(bare);
            double f = median(full);
            System.out.printf("%-26s %9s %12s %8s %10s%n", "task", "bare runs", "service", "ratio", "rate");
            System.out.printf("%-26s %9.1f %12.1f %7.2fx %7.1f lines/s%n", "OCR, 960x640, " + lines + " lines", b, f,
                    f / b, lines * 1000 / f);
            System.out.println("   bare runs: OrtSession.run of the detector, the classifier on the 5 crops and the"
                    + " recogniser on the 5 lines (one batch each), on prepared tensors; service: the whole pipeline"
                    + " from the decoded image (pre-processing, DB decoding, crops, classifier, recogniser, CTC)");
        } finally {
            registry.all().forEach(LoadedModel::close);
        }
    }

    private static void vad(int runs) throws Exception {
        Path model = SharedData.model("silero_vad_v5.onnx").orElse(null);
        if (model == null || !Speech.available()) {
            System.out.println("VAD skipped: silero_vad_v5.onnx or espeak-ng missing");
            return;
        }
        // A minute of espeak-ng speech and silences at 22,050 Hz mono.
        List<String> sentences = new ArrayList<>();
        List<Integer> silences = new ArrayList<>();
        silences.add(1000);
        for (int i = 0; sentences.size() < 14; i++) {
            sentences.add("sentence number " + (i + 1) + " of the voice activity benchmark");
            silences.add(1500);
        }
        Speech.Track track = Speech.track(sentences, silences);
        byte[] wav = Speech.wav(track.samples(), Speech.RATE, 1);
        double seconds = (double) track.samples().length / Speech.RATE;
        VoiceActivity voice = new VoiceActivity(TestConfigs.vision(Map.of("%test.backpack.vision.audio.vad-model",
                model.toString(), "%test.backpack.vision.audio.max-duration", "10m",
                "%test.backpack.vision.audio.max-bytes", "67108864")).audio());
        int windows = (int) Math.ceil(seconds * SileroVad.RATE / SileroVad.WINDOW);
        OrtEnvironment env = ModelLoader.environment();
        long[] bare = new long[runs];
        long[] full = new long[runs];
        int segments = 0;
        try (SessionOptions options = new SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toString(), options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.allocate(576), new long[] {1, 576});
                 OnnxTensor sr = OnnxTensor.createTensor(env, 16_000L)) {
                for (int i = -2; i < runs; i++) {
                    long t0 = System.nanoTime();
                    float[] state = new float[256];
                    for (int w = 0; w < windows; w++) {
                        try (OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(state),
                                new long[] {2, 1, 128});
                             OrtSession.Result r = session.run(Map.of("input", x, "state", s, "sr", sr))) {
                            ((OnnxTensor) r.get("stateN").orElseThrow()).getFloatBuffer().get(state);
                        }
                    }
                    long t1 = System.nanoTime();
                    SpeechSegments found = voice.segments(new ByteArrayInputStream(wav));
                    long t2 = System.nanoTime();
                    segments = found.segments().size();
                    if (i >= 0) {
                        bare[i] = t1 - t0;
                        full[i] = t2 - t1;
                    }
                }
            }
        } finally {
            voice.close();
        }
        double b = median(bare);
        double f = median(full);
        System.out.printf("%-26s %9.1f %12.1f %7.2fx %7.4f real-time factor (bare %.4f)%n",
                String.format("VAD, %.0f s, %d segments", seconds, segments), b, f, f / b, f / 1000 / seconds,
                b / 1000 / seconds);
        System.out.printf("   bare runs: %d OrtSession.run of Silero VAD, state carried; service: the whole upload"
                + " path (WAV parse, 22,050 to 16,000 Hz resampling, windows, VAD, segmentation); %s%n", windows,
                "real-time factor = processing time / audio length (median of " + runs + ")");
    }

    /** The images as one batch tensor, each at its placement (all of one tensor shape). */
    private static OnnxTensor batch(OrtEnvironment env, LoadedModel model, List<RgbImage> images,
                                    List<Placement> placements) throws Exception {
        Preprocessing pre = model.preprocessing();
        Placement shape = placements.stream().max(Comparator.comparingInt(Placement::tensorWidth)).orElseThrow();
        List<Placement> same = placements.stream().map(p -> new Placement(p.imageWidth(), p.imageHeight(),
                shape.tensorWidth(), shape.tensorHeight(), p.contentX(), p.contentY(), p.contentWidth(),
                p.contentHeight())).toList();
        int elements = Preprocessing.elements(shape);
        ByteBuffer floats = ByteBuffer.allocateDirect(elements * images.size() * Float.BYTES)
                .order(ByteOrder.nativeOrder());
        for (int i = 0; i < images.size(); i++) {
            pre.write(images.get(i), same.get(i), floats.asFloatBuffer(), i);
        }
        return OnnxTensor.createTensor(env, floats.asFloatBuffer(), pre.shape(images.size(), shape));
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
