package org.vsekai.backpack.vision.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsekai.backpack.vision.generate.TinyDecoder.array;
import static org.vsekai.backpack.vision.generate.TinyDecoder.concat;
import static org.vsekai.backpack.vision.generate.TinyDecoder.greedy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.generation.GenerationSummary;

/**
 * The generation engine on the tiny decoder, whose next token is a known function of its whole context as its cache
 * holds it: every sequence is asserted token for token against that function, decoded by the real BPE tokenizer.
 */
class GenerationTest {

    private static final long FAR = Long.MAX_VALUE / 2;
    private static DecoderModel tiny;

    @BeforeAll
    static void load() {
        tiny = TinyDecoder.load("tiny");
    }

    @AfterAll
    static void close() throws Exception {
        tiny.close();
    }

    private static GenerationSettings greedySettings(int maxTokens, boolean reasoning, int reasoningTokens,
                                                     List<String> stops) {
        return new GenerationSettings(maxTokens, reasoning, reasoningTokens, stops, 0, 0, 1, 7, FAR);
    }

    private static Generation run(String prompt, GenerationSettings settings, RecordingSink sink) {
        Generation generation = new Generation(tiny, tiny.encode(prompt), settings, sink, () -> 0);
        while (generation.step()) {
            // one model run a step
        }
        return generation;
    }

    @Test
    void theTokenizerIsTheByteLevelBpeOfTheFile() {
        assertThat(tiny.encode("the")).containsExactly(32);
        assertThat(tiny.encode("ab the")).containsExactly(3, 4, 29, 32);
        assertThat(tiny.encode("in tin")).containsExactly(33, 35, 33);
        assertThat(tiny.encode("<think>ab</think>")).containsExactly(1, 3, 4, 2);
        assertThat(tiny.decode(new long[] {1, 22, 10, 7, 35, 34, 2})).isEqualTo("<think>the ter</think>");
    }

    @Test
    void greedyDecodingGivesTheFunctionsSequenceUntilTheEndToken() {
        RecordingSink sink = new RecordingSink();
        long[] prompt = tiny.encode("ab the");
        Generation generation = run("ab the", greedySettings(100, false, 100, List.of()), sink);

        List<Long> expected = greedy(prompt, TinyDecoder.EOS, 100);
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(generation.generated()).isEqualTo(expected);
        GenerationSummary summary = sink.summary;
        assertThat(summary.finish()).isEqualTo("eos");
        assertThat(summary.answer()).isEqualTo(tiny.decode(array(expected)));
        assertThat(sink.answerText()).isEqualTo(summary.answer());
        assertThat(sink.answer).as("streamed token by token").hasSizeGreaterThan(expected.size() / 2);
        assertThat(summary.promptTokens()).isEqualTo(4);
        assertThat(summary.answerTokens()).isEqualTo(expected.size());
        assertThat(summary.reasoningTokens()).isZero();
    }

    @Test
    void eachStepRunsOnlyTheNewTokenAgainstACacheOfEverythingBefore() {
        long[] prompt = tiny.encode("ab the");
        Generation generation = run("ab the", greedySettings(100, false, 100, List.of()), new RecordingSink());

        List<Generation.Step> steps = generation.steps();
        assertThat(steps.get(0)).isEqualTo(new Generation.Step(0, prompt.length));
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i)).as("step " + i).isEqualTo(new Generation.Step(prompt.length + i - 1, 1));
        }
        assertThat(steps).hasSize(generation.generated().size() + 1); // the last run gave the end token
    }

    @Test
    void onlyTheRightCacheGivesTheRightToken() throws Exception {
        long[] prompt = tiny.encode("abc");
        long[] other = tiny.encode("abd");
        try (KvCache empty = tiny.emptyCache(); KvCache otherEmpty = tiny.emptyCache();
             KvCache shortEmpty = tiny.emptyCache()) {
            DecoderModel.Step first = tiny.run(prompt, empty);
            long x = Sampler.argmax(first.logits());
            assertThat(x).isEqualTo(TinyDecoder.next(concat(prompt, List.of())));
            List<Long> context = concat(prompt, List.of(x));
            long right = TinyDecoder.next(context);

            DecoderModel.Step next = tiny.run(new long[] {x}, first.cache());
            DecoderModel.Step ofAnother = tiny.run(new long[] {x}, tiny.run(other, otherEmpty).cache());
            DecoderModel.Step tooShort = tiny.run(new long[] {x},
                    tiny.run(new long[] {prompt[0], prompt[1]}, shortEmpty).cache());
            assertThat(Sampler.argmax(next.logits())).isEqualTo(right);
            assertThat(Sampler.argmax(ofAnother.logits())).as("another context's cache").isNotEqualTo(right);
            assertThat(Sampler.argmax(tooShort.logits())).as("a cache one position short").isNotEqualTo(right);
            assertThat(next.cache().length()).isEqualTo(prompt.length + 1);
            for (DecoderModel.Step step : List.of(first, next, ofAnother, tooShort)) {
                step.cache().close();
            }
        }
    }

    @Test
    void concurrentGenerationsShareTheSessionAndKeepTheirOwnCaches() throws Exception {
        List<String> prompts = List.of("a", "b", "the", "ab", "in", "er the", "zz", "q", "hello", "then");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // Interleaved on one thread first: each step of one generation between steps of the others.
            List<Generation> interleaved = new ArrayList<>();
            for (String prompt : prompts) {
                interleaved.add(new Generation(tiny, tiny.encode(prompt), greedySettings(40, false, 40, List.of()),
                        new RecordingSink(), () -> 0));
            }
            boolean more = true;
            while (more) {
                more = false;
                for (Generation generation : interleaved) {
                    more |= generation.step();
                }
            }
            // Then truly at once, on four threads.
            List<Future<Generation>> parallel = new ArrayList<>();
            for (String prompt : prompts) {
                parallel.add(pool.submit(() -> run(prompt, greedySettings(40, false, 40, List.of()),
                        new RecordingSink())));
            }
            for (int i = 0; i < prompts.size(); i++) {
                List<Long> expected = greedy(tiny.encode(prompts.get(i)), TinyDecoder.EOS, 40);
                assertThat(interleaved.get(i).generated()).as(prompts.get(i)).isEqualTo(expected);
                assertThat(parallel.get(i).get().generated()).as(prompts.get(i)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxTokensEndsTheAnswer() {
        RecordingSink sink = new RecordingSink();
        Generation generation = run("ab the", greedySettings(3, false, 100, List.of()), sink);

        assertThat(generation.generated()).isEqualTo(greedy(tiny.encode("ab the"), TinyDecoder.EOS, 3));
        assertThat(sink.summary.finish()).isEqualTo("length");
        assertThat(sink.summary.answerTokens()).isEqualTo(3);
    }

    @Test
    void aStopStringEndsTheAnswerBeforeItAndNoPartOfItIsSent() {
        String whole = tiny.decode(array(greedy(tiny.encode("ab the"), TinyDecoder.EOS, 100)));
        String stop = whole.substring(4, 7);
        assertThat(whole.indexOf(stop)).isEqualTo(4);
        RecordingSink sink = new RecordingSink();
        run("ab the", greedySettings(100, false, 100, List.of("not there", stop)), sink);

        assertThat(sink.summary.finish()).isEqualTo("stop");
        assertThat(sink.summary.answer()).isEqualTo(whole.substring(0, 4));
        assertThat(sink.answerText()).isEqualTo(whole.substring(0, 4));
    }

    @Test
    void chainOfThoughtKeepsTheReasoningApartFromTheAnswer() {
        // "zf" is 28, 8: (36 + 2) mod 37 = 1, so the model opens with <think>; 24 tokens on it closes it.
        long[] prompt = tiny.encode("zf");
        List<Long> all = greedy(prompt, TinyDecoder.EOS, 100);
        assertThat(all.get(0)).isEqualTo(TinyDecoder.THINK);
        int close = all.indexOf(TinyDecoder.END_THINK);
        assertThat(close).isEqualTo(25);
        RecordingSink sink = new RecordingSink();
        run("zf", greedySettings(100, true, 100, List.of()), sink);

        GenerationSummary summary = sink.summary;
        assertThat(summary.finish()).isEqualTo("eos");
        assertThat(summary.reasoning()).isEqualTo(tiny.decode(array(all.subList(1, close))));
        assertThat(summary.answer()).isEqualTo(tiny.decode(array(all.subList(close + 1, all.size()))).stripLeading());
        assertThat(summary.reasoning()).doesNotContain("<think>", "</think>");
        assertThat(sink.reasoningText()).isEqualTo(summary.reasoning());
        assertThat(sink.answerText()).isEqualTo(summary.answer());
        assertThat(summary.reasoningTokens()).isEqualTo(close + 1);
        assertThat(summary.answerTokens()).isEqualTo(all.size() - close - 1);
        assertThat(summary.reasoningCut()).isFalse();
    }

    @Test
    void aReasoningAtItsBudgetGetsTheEndDelimiterAndTheAnswerFollows() {
        long[] prompt = tiny.encode("zf");
        List<Long> thought = greedy(prompt, TinyDecoder.EOS, 5);
        List<Long> context = concat(prompt, thought);
        context.add(TinyDecoder.END_THINK);
        List<Long> answer = greedy(array(context), TinyDecoder.EOS, 100);
        RecordingSink sink = new RecordingSink();
        Generation generation = run("zf", greedySettings(100, true, 5, List.of()), sink);

        List<Long> expected = new ArrayList<>(thought);
        expected.add(TinyDecoder.END_THINK);
        expected.addAll(answer);
        assertThat(generation.generated()).isEqualTo(expected);
        GenerationSummary summary = sink.summary;
        assertThat(summary.reasoningCut()).isTrue();
        assertThat(summary.reasoningTokens()).isEqualTo(5);
        assertThat(summary.reasoning()).isEqualTo(tiny.decode(array(thought.subList(1, 5))));
        assertThat(summary.answer()).isEqualTo(tiny.decode(array(answer)).stripLeading());
        // The delimiter and the token before it went in one run.
        assertThat(generation.steps().get(5)).isEqualTo(new Generation.Step(prompt.length + 4, 2));
    }

    @Test
    void withoutChainOfThoughtTheDelimitersAreAnswerText() {
        RecordingSink sink = new RecordingSink();
        run("zf", greedySettings(100, false, 100, List.of()), sink);

        assertThat(sink.summary.answer()).startsWith("<think>").contains("</think>");
        assertThat(sink.summary.reasoning()).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameSampleAndTopKKeepsToTheKBest() {
        GenerationSettings sampled = new GenerationSettings(30, false, 30, List.of(), 5.0, 2, 1, 42, FAR);
        Generation one = run("ab", sampled, new RecordingSink());
        Generation again = run("ab", sampled, new RecordingSink());
        Generation other = run("ab", new GenerationSettings(30, false, 30, List.of(), 5.0, 2, 1, 43, FAR),
                new RecordingSink());

        assertThat(again.generated()).isEqualTo(one.generated());
        assertThat(other.generated()).isNotEqualTo(one.generated());
        // Each token is the function's or the one after it (the two highest logits), and both occur.
        List<Long> context = concat(tiny.encode("ab"), List.of());
        Set<Long> offsets = new HashSet<>();
        for (long id : one.generated()) {
            long best = TinyDecoder.next(context);
            long offset = Math.floorMod(id - best, TinyDecoder.VOCABULARY);
            assertThat(offset).isIn(0L, 1L);
            offsets.add(offset);
            context.add(id);
        }
        assertThat(offsets).containsExactlyInAnyOrder(0L, 1L);
    }

    @Test
    void topPBelowTheBestTokensProbabilityIsGreedy() {
        // Logits 0, -1, -2, ...: at temperature 1 the best token has 1 - 1/e = 0.63 of the probability.
        Generation nucleus = run("ab the", new GenerationSettings(100, false, 100, List.of(), 1.0, 0, 0.6, 9, FAR),
                new RecordingSink());

        assertThat(nucleus.generated()).isEqualTo(greedy(tiny.encode("ab the"), TinyDecoder.EOS, 100));
    }

    @Test
    void theDeadlineEndsAGenerationAtItsNextStep() {
        AtomicLong clock = new AtomicLong();
        RecordingSink sink = new RecordingSink();
        Generation generation = new Generation(tiny, tiny.encode("ab the"),
                new GenerationSettings(100, false, 100, List.of(), 0, 0, 1, 1, 1_000), sink, clock::get);
        assertThat(generation.step()).isTrue();
        assertThat(generation.step()).isTrue();
        clock.set(1_000);

        assertThat(generation.step()).isFalse();
        assertThat(sink.summary.finish()).isEqualTo("deadline");
        assertThat(generation.generated()).hasSize(2);
        assertThat(generation.steps()).hasSize(2);
    }

    @Test
    void aCancelledGenerationRunsTheModelNoMore() {
        RecordingSink sink = new RecordingSink();
        Generation generation = new Generation(tiny, tiny.encode("ab the"), greedySettings(100, false, 100,
                List.of()), sink, () -> 0);
        generation.step();
        generation.cancel();

        assertThat(generation.step()).isFalse();
        assertThat(sink.summary.finish()).isEqualTo("cancelled");
        assertThat(generation.steps()).hasSize(1);
    }
}
