package org.vsekai.backpack.vision.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.embedded.Infrastructure;
import org.vsekai.backpack.embedded.InfrastructureSettings;
import org.vsekai.backpack.embedded.kafka.KafkaBroker;
import org.vsekai.backpack.kit.blob.FileSystemBlobStore;
import org.vsekai.backpack.vision.Frames;
import org.vsekai.backpack.vision.OcrModels;
import org.vsekai.backpack.vision.SharedData;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.TextDrawing;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.image.ImageDecoder;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.inference.InferenceEngine;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.tensor.Placement;
import org.vsekai.backpack.vision.tensor.Preprocessing;
import org.vsekai.backpack.vision.tensor.TensorType;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;

/**
 * The vision benchmark (not a test; vision-service/README.md has the command). It prints:
 * <ol>
 *   <li>per model, the median time of a bare {@code OrtSession.run} on a prepared tensor, of the service's run and
 *       decode path on the same tensor, and of the whole in-process path (PNG decode, pre-processing, run, decode),
 *       with their ratios to the bare run;</li>
 *   <li>pre-processing time per megapixel for each model's tensor, and PNG decoding per megapixel;</li>
 *   <li>frames per second through the Kafka path, with batching on (micro-batches up to 8) and off (1): a backlog of
 *       frames is produced to a real broker, the service is started as its own process from its built jar, and the
 *       rate is taken from the broker timestamps of its first and last {@code detections} records; the batch sizes
 *       it used are read from its metrics;</li>
 *   <li>the model tasks ({@link TaskBench}): full OCR in ms per frame and lines per second, voice activity as a
 *       real-time factor, each against the bare {@code OrtSession.run}s of its models.</li>
 * </ol>
 * Options: {@code --runs N} (timed runs per model, default 200), {@code --frames N} (frames per Kafka run,
 * default 400), {@code --no-kafka}.
 */
public final class VisionBench {

    private static final Path MODULE = Path.of(System.getProperty("vision.module", "vision-service"));

    private VisionBench() {
    }

    public static void main(String[] args) throws Exception {
        // Before anything touches java.util.logging: the broker and Quarkus' libraries log through JBoss LogManager.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        int runs = option(args, "--runs", 200);
        int frames = option(args, "--frames", 400);
        System.out.printf("Vision benchmark: %d cores, Java %s, ONNX Runtime %s%n", Runtime.getRuntime()
                .availableProcessors(), System.getProperty("java.version"), ModelLoader.environment().getVersion());
        Map<String, LoadedModel> models = models();
        try {
            Map<String, RgbImage> inputs = inputs(models);
            modelRuns(models, inputs, runs);
            preprocessing(models);
            if (!Arrays.asList(args).contains("--no-kafka")) {
                kafkaPath(frames);
            }
            TaskBench.run(Math.max(10, runs / 4));
            GenerationBench.run(Math.max(10, runs / 4), 256, 256);
        } finally {
            models.values().forEach(LoadedModel::close);
        }
    }

    /** The tiny models of the tests, and PaddleOCR's when ../shared/data has them. */
    private static Map<String, LoadedModel> models() {
        Map<String, String> extra = new HashMap<>();
        SharedData.model(OcrModels.DETECTOR).ifPresent(det -> SharedData.model(OcrModels.CLASSIFIER)
                .ifPresent(cls -> extra.putAll(OcrModels.config(det, cls))));
        VisionConfig config = TestConfigs.vision(extra);
        Map<String, LoadedModel> models = new LinkedHashMap<>();
        for (String name : List.of("rf-detr", "yolo-nas-pose", "yolov8-pose", "ocr-det", "ocr-cls")) {
            if (config.models().containsKey(name)) {
                models.put(name, ModelLoader.load(name, config.models().get(name)));
            }
        }
        if (!models.containsKey("ocr-det")) {
            System.out.println("(PaddleOCR models not found in ../shared/data/models: tiny models only)");
        }
        return models;
    }

    private static Map<String, RgbImage> inputs(Map<String, LoadedModel> models) {
        RgbImage frame = gradient(640, 480);
        TextDrawing text = TextDrawing.drawn();
        Map<String, RgbImage> inputs = new HashMap<>();
        models.keySet().forEach(name -> inputs.put(name, frame));
        inputs.put("ocr-det", text.image());
        inputs.put("ocr-cls", TextDrawing.rgb(text.crop(text.lines().get(0), 4)));
        return inputs;
    }

    private static void modelRuns(Map<String, LoadedModel> models, Map<String, RgbImage> inputs, int runs)
            throws Exception {
        InferenceEngine engine = TestConfigs.engine();
        System.out.printf("%n1. Service path vs bare OrtSession.run on the same tensor (median of %d runs, ms)%n",
                runs);
        System.out.printf("%-14s %-10s %9s %12s %8s %12s %8s%n", "model", "image", "bare run", "run+decode",
                "ratio", "end-to-end", "ratio");
        for (Map.Entry<String, LoadedModel> entry : models.entrySet()) {
            LoadedModel model = entry.getValue();
            RgbImage image = inputs.get(entry.getKey());
            byte[] png = Frames.encode(toBuffered(image), "png");
            ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
            Placement placement = model.preprocessing().place(image.width(), image.height());
            long[] bare = new long[runs];
            long[] runDecode = new long[runs];
            long[] endToEnd = new long[runs];
            try (OnnxTensor tensor = tensor(engine, model, image, placement)) {
                for (int i = -runs / 4; i < runs; i++) { // the first quarter warms up
                    long t0 = System.nanoTime();
                    try (OrtSession.Result result = model.session().run(Map.of(model.inputName(), tensor))) {
                        result.size();
                    }
                    long t1 = System.nanoTime();
                    engine.runAndDecode(model, tensor, List.of(placement));
                    long t2 = System.nanoTime();
                    engine.run(model, List.of(decoder.decode(png)));
                    long t3 = System.nanoTime();
                    if (i >= 0) {
                        bare[i] = t1 - t0;
                        runDecode[i] = t2 - t1;
                        endToEnd[i] = t3 - t2;
                    }
                }
            }
            double b = median(bare);
            System.out.printf("%-14s %-10s %9.3f %12.3f %7.2fx %12.3f %7.2fx%n", entry.getKey(),
                    image.width() + "x" + image.height(), b, median(runDecode), median(runDecode) / b,
                    median(endToEnd), median(endToEnd) / b);
        }
        System.out.println("   run+decode: the service's run and output decoding on the bare run's tensor;"
                + " end-to-end: PNG decode, pre-processing, run, decoding");
    }

    private static void preprocessing(Map<String, LoadedModel> models) {
        RgbImage image = gradient(1920, 1080);
        double megapixels = image.pixelCount() / 1e6;
        byte[] png = Frames.encode(toBuffered(image), "png");
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
        System.out.printf("%n2. Pre-processing a 1920x1080 frame (%.2f MP), median of 30, ms per megapixel of the"
                + " frame%n", megapixels);
        long[] decode = new long[30];
        for (int i = -5; i < 30; i++) {
            long t0 = System.nanoTime();
            try {
                decoder.decode(png);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (i >= 0) {
                decode[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("%-14s %-22s %10.2f%n", "png decode", "", median(decode) / megapixels);
        for (Map.Entry<String, LoadedModel> entry : models.entrySet()) {
            Preprocessing pre = entry.getValue().preprocessing();
            Placement placement = pre.place(image.width(), image.height());
            ByteBuffer buffer = ByteBuffer.allocateDirect(Preprocessing.elements(placement) * Float.BYTES)
                    .order(java.nio.ByteOrder.nativeOrder());
            long[] times = new long[30];
            for (int i = -5; i < 30; i++) {
                long t0 = System.nanoTime();
                if (pre.type() == TensorType.UINT8) {
                    pre.write(image, placement, buffer, 0);
                } else {
                    pre.write(image, placement, buffer.asFloatBuffer(), 0);
                }
                if (i >= 0) {
                    times[i] = System.nanoTime() - t0;
                }
            }
            System.out.printf("%-14s %-22s %10.2f%n", entry.getKey(), "to " + placement.tensorWidth() + "x"
                    + placement.tensorHeight() + " " + pre.type().name().toLowerCase(), median(times) / megapixels);
        }
    }

    private static void kafkaPath(int frames) throws Exception {
        Path jar = MODULE.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            System.out.println("\n3. Kafka path skipped: " + jar + " is missing; build it with ./mvnw -B -o package"
                    + " -pl vision-service -am -DskipTests");
            return;
        }
        System.out.printf("%n3. Frames per second through Kafka (%d frames of 640x480 PNG, stream models rf-detr and"
                + " yolo-nas-pose, 2 workers, backlog produced before the service starts)%n", frames);
        try (KafkaBroker broker = Infrastructure.kafka(InfrastructureSettings.fromEnvironment())) {
            Path blobs = Files.createTempDirectory("vision-bench-blobs");
            String blob = new FileSystemBlobStore(blobs).put(new ByteArrayInputStream(Frames.encode(
                    toBuffered(gradient(640, 480)), "png")), Long.MAX_VALUE).ref().uri();
            System.out.printf("%-12s %10s %14s %30s%n", "batching", "frames/s", "wall s", "batch sizes (rf-detr)");
            for (int maxBatch : new int[] {8, 1}) {
                kafkaRun(broker.bootstrapServers(), blobs, blob, frames, maxBatch, jar);
            }
        }
    }

    private static void kafkaRun(String bootstrap, Path blobs, String blob, int count, int maxBatch, Path jar)
            throws Exception {
        String suffix = ".bench-" + maxBatch + "-" + UUID.randomUUID().toString().substring(0, 8);
        String frames = "camera-frames" + suffix;
        String detections = "detections" + suffix;
        String keypoints = "keypoints" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(frames, frames + ".dlq", detections, keypoints).stream()
                    .map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
        }
        UUID scene = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                CameraFrame frame = Frames.frame(scene, "camera-" + (i % 8), blob, 640, 480);
                producer.send(new ProducerRecord<>(frames, scene.toString(), EventJson.write(frame)));
            }
            producer.flush();
        }
        int port = ThreadLocalRandom.current().nextInt(20000, 60000);
        Path log = MODULE.resolve("target/bench-batch-" + maxBatch + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.put("kafka.bootstrap.servers", bootstrap);
        properties.put("backpack.blobs.directory", blobs.toString());
        properties.put("mp.messaging.incoming.camera-frames.topic", frames);
        properties.put("mp.messaging.incoming.camera-frames.dead-letter-queue.topic", frames + ".dlq");
        properties.put("mp.messaging.incoming.camera-frames.group.id", "bench" + suffix);
        properties.put("mp.messaging.outgoing.detections.topic", detections);
        properties.put("mp.messaging.outgoing.keypoints.topic", keypoints);
        properties.put("backpack.vision.runtime.workers", "2");
        properties.put("backpack.vision.stream.max-batch", String.valueOf(maxBatch));
        // Throughput, not sampling, is measured here: every frame of the backlog is processed.
        properties.put("backpack.vision.stream.sampling-lag-threshold", "100000000");
        properties.put("backpack.vision.stream.queue-capacity", "64");
        properties.putAll(testModels());
        // In an argument file: ONNX Runtime 1.29.0 crashes under a command line longer than about 4 kB.
        Path arguments = MODULE.resolve("target/bench-batch-" + maxBatch + ".args");
        Files.write(arguments, properties.entrySet().stream().map(e -> "\"-D" + e.getKey() + "=" + e.getValue() + "\"")
                .toList());
        command.addAll(List.of("@" + arguments, "-jar", jar.toString()));
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Instant ready = awaitReady(port, service, log);
            List<ConsumerRecord<String, byte[]>> results = await(bootstrap, detections, scene, count);
            long first = results.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
            long last = results.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
            double perSecond = (count - 1) * 1000.0 / Math.max(1, last - first);
            double wall = Duration.between(ready, Instant.ofEpochMilli(last)).toMillis() / 1000.0;
            System.out.printf("%-12s %10.1f %14.1f %30s%n", maxBatch == 1 ? "off (1)" : "on (up to " + maxBatch + ")",
                    perSecond, wall, batchSizes(port));
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /**
     * The tiny models exactly as the test profile configures them (application.properties, {@code %test.}), their
     * files taken from the module's test resources instead of the class path the service's jar does not have.
     */
    private static Map<String, String> testModels() throws IOException {
        Properties application = new Properties();
        try (var in = VisionBench.class.getClassLoader().getResourceAsStream("application.properties")) {
            application.load(in);
        }
        String models = MODULE.resolve("src/test/resources/models").toAbsolutePath() + "/";
        Map<String, String> properties = new LinkedHashMap<>();
        application.stringPropertyNames().stream().filter(k -> k.startsWith("%test.backpack.vision.models."))
                .sorted().forEach(k -> properties.put(k.substring("%test.".length()),
                        application.getProperty(k).replace(ModelLoader.CLASSPATH + "models/", models)));
        return properties;
    }

    private static Instant awaitReady(int port, Process service, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Instant.now();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    private static List<ConsumerRecord<String, byte[]>> await(String bootstrap, String topic, UUID scene, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (scene.toString().equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        if (found.size() < count) {
            throw new IllegalStateException("only " + found.size() + " of " + count + " frames were processed");
        }
        return found;
    }

    /** Mean and largest batch of rf-detr, from the service's own metrics. */
    private static String batchSizes(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        double count = metric(metrics, "backpack_vision_batch_size_count");
        double sum = metric(metrics, "backpack_vision_batch_size_sum");
        double max = metric(metrics, "backpack_vision_batch_size_max");
        return String.format("%.0f runs, mean %.2f, max %.0f", count, sum / count, max);
    }

    private static double metric(String metrics, String name) {
        Matcher matcher = Pattern.compile("^" + name + "\\{model=\"rf-detr\"[^}]*} (\\S+)", Pattern.MULTILINE)
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static OnnxTensor tensor(InferenceEngine engine, LoadedModel model, RgbImage image, Placement placement)
            throws Exception {
        Preprocessing pre = model.preprocessing();
        int elements = Preprocessing.elements(placement);
        if (pre.type() == TensorType.UINT8) {
            ByteBuffer bytes = ByteBuffer.allocateDirect(elements);
            pre.write(image, placement, bytes, 0);
            return OnnxTensor.createTensor(engine.environment(), bytes, pre.shape(1, placement), OnnxJavaType.UINT8);
        }
        ByteBuffer floats = ByteBuffer.allocateDirect(elements * Float.BYTES).order(java.nio.ByteOrder.nativeOrder());
        pre.write(image, placement, floats.asFloatBuffer(), 0);
        return OnnxTensor.createTensor(engine.environment(), floats.asFloatBuffer(), pre.shape(1, placement));
    }

    /** A smooth test card: compresses like a rendered frame, not like noise. */
    private static RgbImage gradient(int width, int height) {
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = (x * 255 / width) << 16 | (y * 255 / height) << 8 | ((x + y) / 8 % 256);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static BufferedImage toBuffered(RgbImage image) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        return buffered;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static int option(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }
}
