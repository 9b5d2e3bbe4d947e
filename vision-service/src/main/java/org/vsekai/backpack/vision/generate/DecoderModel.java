package org.vsekai.backpack.vision.generate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.model.ModelDigest;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.ModelLoader;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A decoder-only text model ({@link DecoderLayout}) and its tokenizer ({@code tokenizer.json}, any model Hugging Face
 * tokenizers reads: BPE, byte-level or not), loaded once: one session shared by every generation, each with a cache
 * of its own ({@link KvCache}). A run takes only the new ids; the prefix is in the cache and never recomputed.
 */
public final class DecoderModel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DecoderModel.class);
    private static final String CLASSPATH = "classpath:";

    static {
        // DJL takes the tokenizers' native library from its jar; offline, it never tries to download one.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final String name;
    private final String version;
    private final VisionConfig.Generator config;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final DecoderLayout layout;
    private final Set<Long> endIds;
    private final long[] reasoningEndIds;

    private DecoderModel(String name, String version, VisionConfig.Generator config, OrtSession session,
                         HuggingFaceTokenizer tokenizer, DecoderLayout layout) {
        this.name = name;
        this.version = version;
        this.config = config;
        this.session = session;
        this.tokenizer = tokenizer;
        this.layout = layout;
        Set<Long> ends = new HashSet<>();
        for (String token : config.endTokens()) {
            long[] ids = encode(token);
            if (ids.length != 1) {
                throw new ModelLoadException("generation model " + name + ": end token " + token + " is "
                        + ids.length + " tokens to its tokenizer, not one");
            }
            ends.add(ids[0]);
        }
        this.endIds = Set.copyOf(ends);
        this.reasoningEndIds = config.reasoning().end().map(this::encode).orElse(new long[0]);
        if (config.reasoning().end().isPresent() != config.reasoning().start().isPresent()) {
            throw new ModelLoadException("generation model " + name + ": reasoning.start and reasoning.end go "
                    + "together");
        }
    }

    /** The model and tokenizer of {@code backpack.vision.generation.models.<name>}. */
    public static DecoderModel load(String name, VisionConfig.Generator config) {
        String what = "generation model " + name;
        byte[] bytes = config.file().startsWith(CLASSPATH) ? resource(what, config.file()) : null;
        Path path = bytes == null ? Path.of(config.file()).toAbsolutePath() : null;
        String version;
        try {
            version = bytes != null ? ModelDigest.version(bytes) : ModelDigest.version(path);
        } catch (IOException e) {
            throw new ModelLoadException(what + ": cannot read " + path + ": " + e.getMessage(), e);
        }
        HuggingFaceTokenizer tokenizer;
        try (InputStream json = config.tokenizer().startsWith(CLASSPATH)
                ? new ByteArrayInputStream(resource(what, config.tokenizer()))
                : Files.newInputStream(Path.of(config.tokenizer()))) {
            tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("addSpecialTokens", "false",
                    "truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(what + ": tokenizer " + config.tokenizer()
                    + " is not a readable tokenizer.json: " + e.getMessage(), e);
        }
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(config.intraOpThreads());
            session = bytes != null ? ModelLoader.environment().createSession(bytes, options)
                    : ModelLoader.environment().createSession(path.toString(), options);
        } catch (OrtException e) {
            tokenizer.close();
            throw new ModelLoadException("generation model " + name + ": " + config.file() + " cannot be loaded: "
                    + e.getMessage(), e);
        }
        try {
            DecoderModel model = new DecoderModel(name, version, config, session, tokenizer,
                    DecoderLayout.of(name, session));
            LOG.infof("Generation model %s loaded: %s, %d layers, %d heads of %d, version %s", name, config.file(),
                    model.layout.layers(), model.layout.heads(), model.layout.headDim(), model.version);
            return model;
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            try {
                session.close();
            } catch (OrtException ignored) {
                // the load failed already; that failure is the one to report
            }
            if (e instanceof ModelLoadException load) {
                throw load;
            }
            throw new ModelLoadException("generation model " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String what, String file) {
        String resource = file.substring(CLASSPATH.length());
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException(what + ": no class-path resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException(what + ": cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public VisionConfig.Generator config() {
        return config;
    }

    public DecoderLayout layout() {
        return layout;
    }

    /** The tokenizer's ids for a text, special tokens in it read as such, none added. */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** The text of ids, special tokens written out (so the reasoning delimiters are there to split on). */
    public String decode(long[] ids) {
        return ids.length == 0 ? "" : tokenizer.decode(ids, false);
    }

    boolean isEnd(long id) {
        return endIds.contains(id);
    }

    Optional<String> reasoningStart() {
        return config.reasoning().start();
    }

    Optional<String> reasoningEnd() {
        return config.reasoning().end();
    }

    long[] reasoningEndIds() {
        return reasoningEndIds.clone();
    }

    /** An empty past, for a generation's first run. */
    public KvCache emptyCache() throws OrtException {
        return KvCache.empty(ModelLoader.environment(), layout.layers(), layout.heads(), layout.headDim());
    }

    /** What one run gives: the logits of its last position and the cache that now holds the new ids too. */
    public record Step(float[] logits, KvCache cache) {
    }

    /**
     * One run: the new ids after the past's positions (the attention mask covers all of them, the positions
     * continue the past's). The past is left as it was; the caller closes it once it has the new cache.
     */
    public Step run(long[] ids, KvCache past) throws OrtException {
        OrtEnvironment env = ModelLoader.environment();
        int total = past.length() + ids.length;
        long[] mask = new long[total];
        Arrays.fill(mask, 1L);
        long[] positions = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            positions[i] = past.length() + i;
        }
        List<OnnxTensor> own = new ArrayList<>();
        try {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", owned(own, OnnxTensor.createTensor(env, LongBuffer.wrap(ids),
                    new long[] {1, ids.length})));
            inputs.put("attention_mask", owned(own, OnnxTensor.createTensor(env, LongBuffer.wrap(mask),
                    new long[] {1, total})));
            if (layout.positionIds()) {
                inputs.put("position_ids", owned(own, OnnxTensor.createTensor(env, LongBuffer.wrap(positions),
                        new long[] {1, ids.length})));
            }
            for (int layer = 0; layer < layout.layers(); layer++) {
                inputs.put(DecoderLayout.past(layer, true), past.key(layer));
                inputs.put(DecoderLayout.past(layer, false), past.value(layer));
            }
            OrtSession.Result result = session.run(inputs);
            try {
                float[] logits = lastLogits((OnnxTensor) result.get("logits").orElseThrow());
                List<OnnxTensor> presents = new ArrayList<>();
                for (int layer = 0; layer < layout.layers(); layer++) {
                    presents.add(present(result, layer, true));
                    presents.add(present(result, layer, false));
                }
                return new Step(logits, KvCache.of(presents, result, total));
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        } finally {
            own.forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor owned(List<OnnxTensor> own, OnnxTensor tensor) {
        own.add(tensor);
        return tensor;
    }

    private static OnnxTensor present(OrtSession.Result result, int layer, boolean key) {
        Optional<OnnxValue> value = result.get(DecoderLayout.present(layer, key));
        return (OnnxTensor) value.orElseThrow(() -> new IllegalStateException("no " + DecoderLayout.present(layer,
                key) + " in the model's outputs"));
    }

    /** The last position's row of logits [1, S, V]. */
    private static float[] lastLogits(OnnxTensor logits) {
        long[] shape = logits.getInfo().getShape();
        int vocabulary = (int) shape[2];
        FloatBuffer all = logits.getFloatBuffer();
        float[] row = new float[vocabulary];
        all.position((int) ((shape[1] - 1) * vocabulary));
        all.get(row);
        return row;
    }

    @Override
    public void close() throws OrtException {
        tokenizer.close();
        session.close();
    }
}
