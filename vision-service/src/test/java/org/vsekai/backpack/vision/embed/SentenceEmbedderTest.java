package org.vsekai.backpack.vision.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.model.ModelLoader;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;

/**
 * all-MiniLM-L6-v2 (quantised, from its Maven Central jar) through the embedder: equal to the reference pooling
 * computed here from the model's raw token embeddings, the same in a batch as alone, and close where the meaning is.
 */
class SentenceEmbedderTest {

    private static final Logger LOG = Logger.getLogger(SentenceEmbedderTest.class);
    static final String SENTENCE = "The backpack holds every scene a player has visited.";

    private static SentenceEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new SentenceEmbedder(TestConfigs.vision(Map.of("%test.backpack.vision.embeddings.enabled",
                "true")).embeddings());
    }

    @AfterAll
    static void close() throws Exception {
        embedder.close();
    }

    @Test
    void anEmbeddingIsTheMaskedMeanOfTheTokenEmbeddingsScaledToUnitLength() throws Exception {
        float[] embedded = embedder.embed(List.of(SENTENCE))[0];

        double[] reference = reference(SENTENCE);

        assertThat(embedded).hasSize(SentenceEmbedder.DIMENSIONS);
        for (int d = 0; d < reference.length; d++) {
            assertThat((double) embedded[d]).as("dimension %d", d).isCloseTo(reference[d], within(1e-5));
        }
        double norm = 0;
        for (float v : embedded) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void aTextEmbedsTheSameWhateverTextsComeWithIt() throws Exception {
        List<String> texts = List.of("short", SENTENCE, "A much longer description of an item, with a castle, a "
                + "dragon, a sword and a treasure chest in a dark cave under the mountains.");

        float[][] together = embedder.embed(texts);
        float[][] batched = embedder.embed(texts, 3);

        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder.embed(List.of(texts.get(i)))[0];
            assertThat(together[i]).as("text %d", i).containsExactly(alone);
            LOG.infof("Cosine of text %d in one run of 3 with itself alone: %.6f", i, dot(batched[i], alone));
        }
        // (Padding is masked out of the attention and the mean, but the quantised model's DynamicQuantizeLinear
        // takes its scale from the whole run's activations: in one run the short text's vector moves; logged above.)
    }

    @Test
    void aQueryIsNearestToTheTextThatParaphrasesIt() throws Exception {
        List<String> items = List.of("Quarterly tax filing deadlines for small businesses",
                "A young dog plays outside among the flowers",
                "A recipe for spicy tomato soup with basil",
                "The train to the airport leaves at noon",
                "A medieval castle with towers on a hill");
        float[] query = embedder.embed(List.of("a puppy playing in the garden"))[0];
        float[][] vectors = embedder.embed(items);

        Integer best = java.util.stream.IntStream.range(0, items.size()).boxed()
                .max(Comparator.comparingDouble(i -> dot(query, vectors[i]))).orElseThrow();

        LOG.infof("Cosine of the query with each item: %s", java.util.stream.IntStream.range(0, items.size())
                .mapToObj(i -> String.format("%.3f", dot(query, vectors[i]))).toList());
        assertThat(items.get(best)).isEqualTo("A young dog plays outside among the flowers");
    }

    /** Tokenised, run and pooled here in double precision, without the embedder. */
    private static double[] reference(String text) throws Exception {
        try (InputStream json = SentenceEmbedderTest.class.getClassLoader()
                .getResourceAsStream(SentenceEmbedder.TOKENIZER);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of());
             InputStream onnx = SentenceEmbedderTest.class.getClassLoader().getResourceAsStream(SentenceEmbedder.ONNX);
             OrtSession session = ModelLoader.environment().createSession(onnx.readAllBytes(),
                     new OrtSession.SessionOptions())) {
            Encoding encoding = tokenizer.encode(text);
            long[] ids = encoding.getIds();
            assertThat(ids[0]).as("[CLS]").isEqualTo(101);
            assertThat(ids[ids.length - 1]).as("[SEP]").isEqualTo(102);
            long[] shape = {1, ids.length};
            var env = ModelLoader.environment();
            try (OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
                 OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape);
                 OrtSession.Result result = session.run(Map.of("input_ids", i, "attention_mask", m,
                         "token_type_ids", t))) {
                float[][][] tokens = (float[][][]) result.get(0).getValue();
                double[] mean = new double[tokens[0][0].length];
                for (float[] token : tokens[0]) {
                    for (int d = 0; d < mean.length; d++) {
                        mean[d] += token[d] / (double) tokens[0].length;
                    }
                }
                double norm = Math.sqrt(Arrays.stream(mean).map(v -> v * v).sum());
                return Arrays.stream(mean).map(v -> v / norm).toArray();
            }
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
