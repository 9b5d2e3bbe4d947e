package org.vsekai.backpack.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.config.ConfigNames;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.decode.DecoderKind;
import org.vsekai.backpack.vision.decode.DecoderSettings;
import org.vsekai.backpack.vision.tensor.Preprocessing;
import org.vsekai.backpack.vision.tensor.Resize;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * Turns the configuration of a model into a {@link LoadedModel}, or a {@link ModelLoadException} that names the
 * model, the configuration key and what differs. All models share one ONNX Runtime environment.
 */
public final class ModelLoader {

    public static final String CLASSPATH = "classpath:";
    /**
     * ONNX Runtime 1.29.0 dies with SIGSEGV (and no JVM error report) while it creates its environment when the
     * process's command line ({@code /proc/self/cmdline}) is longer than about 3,990 bytes, whatever the options are.
     * Above this length the service refuses to start, saying why, instead.
     */
    static final int MAX_COMMAND_LINE = 3800;

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);
    private static OrtEnvironment environment;

    private ModelLoader() {
    }

    /** The process's one ONNX Runtime environment (its thread pools, allocators and logger). */
    public static synchronized OrtEnvironment environment() {
        if (environment == null) {
            checkCommandLine(Path.of("/proc/self/cmdline"));
            environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "backpack-vision");
        }
        return environment;
    }

    static void checkCommandLine(Path cmdline) {
        if (!Files.isReadable(cmdline)) {
            return; // not Linux
        }
        int length;
        try {
            length = Files.readAllBytes(cmdline).length;
        } catch (IOException e) {
            return;
        }
        if (length > MAX_COMMAND_LINE) {
            throw new ModelLoadException("the command line of this process is " + length + " bytes long; ONNX "
                    + "Runtime 1.29.0 crashes creating its environment when it is longer than about 3,990, so at most "
                    + MAX_COMMAND_LINE + " are accepted: pass options in an argument file (java @options ...) or in "
                    + "JDK_JAVA_OPTIONS instead");
        }
    }

    /** Every configured model, by name; nothing stays loaded when one fails. */
    public static Map<String, LoadedModel> loadAll(Map<String, VisionConfig.Model> configs) {
        Map<String, LoadedModel> loaded = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, VisionConfig.Model> entry : new TreeMap<>(configs).entrySet()) {
                loaded.put(entry.getKey(), load(entry.getKey(), entry.getValue()));
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(LoadedModel::close);
            throw e;
        }
        return loaded;
    }

    public static LoadedModel load(String name, VisionConfig.Model config) {
        String key = "backpack.vision.models." + name;
        if (config.stream() && (config.task() == Task.CLASSIFICATION || config.task() == Task.TEXT_RECOGNITION)) {
            throw new ModelLoadException("model " + name + " is a " + ConfigNames.of(config.task()) + " model; only "
                    + "detection, pose and text-detection models run on camera frames (" + key + ".stream)");
        }
        if (config.ctc().beamWidth() < 1) {
            throw new ModelLoadException("model " + name + ": " + key + ".ctc.beam-width must be at least 1");
        }
        DecoderKind kind = config.decoder();
        if (kind.task() != config.task()) {
            throw new ModelLoadException("model " + name + ": decoder " + ConfigNames.of(kind) + " serves task "
                    + ConfigNames.of(kind.task()) + ", not " + ConfigNames.of(config.task()) + " (" + key + ".task)");
        }
        byte[] bytes = null;
        Path path = null;
        String sha256;
        if (config.file().startsWith(CLASSPATH)) {
            bytes = resource(name, config.file().substring(CLASSPATH.length()), key);
            sha256 = ModelDigest.hex(bytes);
        } else {
            path = Path.of(config.file()).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new ModelLoadException("model " + name + ": file " + path + " does not exist (" + key + ".file)");
            }
            sha256 = hash(name, path);
        }
        OrtSession session;
        try (OrtSession.SessionOptions options = options(name, config.session())) {
            session = bytes != null ? environment().createSession(bytes, options)
                    : environment().createSession(path.toString(), options);
        } catch (OrtException e) {
            throw new ModelLoadException("model " + name + ": " + config.file() + " is not a model ONNX Runtime "
                    + "can load: " + e.getMessage(), e);
        }
        try {
            LoadedModel model = prepare(name, config, sha256, session, key);
            LOG.infof("Model %s loaded: %s, decoder %s, version %s, %s", name, config.file(), ConfigNames.of(kind),
                    model.version(), model.signature().describe());
            return model;
        } catch (RuntimeException | OrtException e) {
            try {
                session.close();
            } catch (OrtException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof ModelLoadException m ? m
                    : new ModelLoadException("model " + name + " cannot be prepared: " + e.getMessage(), e);
        }
    }

    private static LoadedModel prepare(String name, VisionConfig.Model config, String sha256, OrtSession session,
                                       String key) throws OrtException {
        Signature signature = Signature.of(session);
        DecoderKind kind = config.decoder();
        Map<String, Long> sizes = kind.expected(ConfigNames.of(config.tensorType()),
                config.layout()).check(name, ConfigNames.of(kind), signature);
        if (kind.defaultLabels() == null && config.labels().isEmpty() && config.labelNames().isEmpty()) {
            throw new ModelLoadException("model " + name + ": decoder " + ConfigNames.of(kind) + " needs labels ("
                    + key + ".label-names or " + key + ".labels)");
        }
        Labels labels = kind == DecoderKind.CTC
                ? Labels.verbatim(config.labelNames(), config.labels(), config.classIriBase())
                : Labels.of(config.labelNames(), config.labels(), kind.defaultLabels(), config.classIriBase());
        Long symbols = sizes.get("V");
        if (symbols != null && symbols != labels.size() + 1 && symbols != labels.size() + 2) {
            throw new ModelLoadException("model " + name + " has " + symbols + " CTC classes but " + labels.size()
                    + " labels: a CTC recogniser needs one label per class after the blank (class 0), the last class "
                    + "may be a space without a label (" + key + ".labels)");
        }
        for (String classes : List.of("C", "K")) {
            Long count = sizes.get(classes);
            if (count != null && count != labels.size()) {
                throw new ModelLoadException("model " + name + " has " + count + " classes but " + labels.size()
                        + " labels (" + key + ".labels)");
            }
        }
        int width = size(name, "width", config.inputWidth(), sizes, "W", config.resize(), key);
        int height = size(name, "height", config.inputHeight(), sizes, "H", config.resize(), key);
        Preprocessing preprocessing = new Preprocessing(config.resize(), width, height, config.letterboxAnchor(),
                config.padValue(), config.stride(), config.maxSide(), config.colourOrder(), config.divisor(),
                channels(name, "mean", config.mean(), 0.0, key), channels(name, "std", config.std(), 1.0, key),
                config.tensorType(), config.layout());
        Long batch = sizes.get("B");
        int maxBatch = batch != null ? (int) Math.min(batch, config.maxBatch()) : config.maxBatch();
        DecoderSettings settings = new DecoderSettings(labels, config.scoreThreshold(), config.iouThreshold(),
                config.maxDetections(), config.keypointThreshold(), config.text().binaryThreshold(),
                config.text().unclipRatio(), config.text().minSize(),
                signature.outputs().stream().map(o -> o.name()).toList(), config.ctc().beamWidth());
        return new LoadedModel(name, config, sha256, signature, preprocessing, kind.create(settings), labels,
                Math.max(1, maxBatch), session);
    }

    /** The tensor side: configured, or fixed by the file (W/H, or R for a square input); either must agree. */
    private static int size(String name, String side, Optional<Integer> configured, Map<String, Long> sizes,
                            String symbol, Resize resize, String key) {
        Long fixed = sizes.containsKey(symbol) ? sizes.get(symbol) : sizes.get("R");
        if (configured.isPresent() && fixed != null && fixed.intValue() != configured.get()) {
            throw new ModelLoadException("model " + name + " takes input " + side + " " + fixed + ", but " + key
                    + ".input-" + side + " is " + configured.get());
        }
        if (resize == Resize.FIT) {
            return configured.orElse(fixed != null ? fixed.intValue() : -1);
        }
        if (configured.isEmpty() && fixed == null) {
            throw new ModelLoadException("model " + name + " has a dynamic input " + side + ": set " + key
                    + ".input-" + side + ", or resize=fit");
        }
        return configured.isPresent() ? configured.get() : fixed.intValue();
    }

    private static double[] channels(String name, String what, Optional<List<Double>> values, double otherwise,
                                     String key) {
        if (values.isEmpty()) {
            return new double[] {otherwise, otherwise, otherwise};
        }
        if (values.get().size() != Preprocessing.CHANNELS) {
            throw new ModelLoadException("model " + name + ": " + key + "." + what + " needs one value per channel, "
                    + Preprocessing.CHANNELS + " in all");
        }
        return values.get().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static OrtSession.SessionOptions options(String name, VisionConfig.Session config) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        if (config.intraOpThreads() > 0) {
            options.setIntraOpNumThreads(config.intraOpThreads());
        }
        if (config.interOpThreads() > 0) {
            options.setInterOpNumThreads(config.interOpThreads());
        }
        options.setOptimizationLevel(switch (config.optimisation()) {
            case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        });
        if (config.executionProvider() == ExecutionProvider.CUDA) {
            try {
                options.addCUDA(config.deviceId());
            } catch (OrtException e) {
                options.close();
                throw new ModelLoadException("model " + name + ": the CUDA execution provider is not available ("
                        + e.getMessage() + "); the onnxruntime jar from Maven Central runs on the CPU only, "
                        + "onnxruntime_gpu brings CUDA", e);
            }
        }
        return options;
    }

    private static byte[] resource(String name, String resource, String key) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("model " + name + ": no class-path resource " + resource + " ("
                        + key + ".file)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("model " + name + ": cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String hash(String name, Path path) {
        MessageDigest digest = ModelDigest.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ModelLoadException("model " + name + ": cannot read " + path + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

}
