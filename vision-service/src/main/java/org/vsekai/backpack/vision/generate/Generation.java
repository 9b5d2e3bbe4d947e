package org.vsekai.backpack.vision.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.vsekai.backpack.contracts.generation.GenerationSummary;

/**
 * One running generation: the prompt is run once (prefill), then each {@link #step()} runs the model on the one new
 * token against the cache of everything before it, samples the next, and sends the text it adds. It ends at the
 * model's end token, a stop string, the answer's budget, the model's context or its deadline; with chain of thought,
 * a reasoning that reaches its budget gets the end delimiter put in (run through the cache like any token) and the
 * answer follows. Steps of one generation run one after the other (each queues the next); generations share the
 * model's session, never a cache.
 */
public final class Generation {

    /** One model run as it was made: the positions already in the cache and the new ids it took. */
    public record Step(int past, int tokens) {
    }

    private final DecoderModel model;
    private final GenerationSettings settings;
    private final GenerationSink sink;
    private final LongSupplier clock;
    private final Sampler sampler;
    private final OutputText text;
    private final long accepted;
    private final int promptTokens;
    private final List<Long> generated = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private KvCache cache;
    private long[] pending;
    private int reasoningTokens;
    private int answerTokens;
    private boolean reasoningCut;
    private long firstToken = -1;
    private volatile boolean cancelled;
    private boolean finished;
    private GenerationSummary summary;

    /** @param clock nanoseconds, for the deadline and the time to the first token ({@code System::nanoTime}) */
    public Generation(DecoderModel model, long[] prompt, GenerationSettings settings, GenerationSink sink,
                      LongSupplier clock) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("a generation needs a prompt of at least one token");
        }
        this.model = model;
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        this.accepted = clock.getAsLong();
        this.sampler = new Sampler(settings.temperature(), settings.topK(), settings.topP(), settings.seed());
        this.promptTokens = prompt.length;
        this.pending = prompt.clone();
        boolean thinking = settings.reasoning() && model.reasoningStart().isPresent();
        String start = thinking ? model.reasoningStart().get() : null;
        String end = thinking ? model.reasoningEnd().get() : null;
        boolean opened = thinking && opens(model.decode(prompt), start, end);
        this.text = new OutputText(start, end, opened, settings.stops());
    }

    /** The prompt ends inside a reasoning: its last start delimiter has no end delimiter after it. */
    private static boolean opens(String prompt, String start, String end) {
        int open = prompt.lastIndexOf(start);
        return open >= 0 && prompt.indexOf(end, open + start.length()) < 0;
    }

    /** The client went: the next step ends the generation instead of running the model. */
    public void cancel() {
        cancelled = true;
    }

    public boolean finished() {
        return finished;
    }

    /** The summary once finished, else null. */
    public GenerationSummary summary() {
        return summary;
    }

    /** The model runs so far, in order (for tests and the benchmark: the cache's length at each). */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The ids generated so far, the end delimiters put in included. */
    public List<Long> generated() {
        return List.copyOf(generated);
    }

    /** Tokens the next step runs (the prompt's for the first). */
    public int pendingTokens() {
        return pending.length;
    }

    /**
     * One model run and the token it gives. Returns whether there is more to do; at the end the sink has been told
     * (done or failed) and the cache freed.
     */
    public boolean step() {
        if (finished) {
            return false;
        }
        try {
            if (cancelled) {
                return finish("cancelled");
            }
            if (clock.getAsLong() - settings.deadline() >= 0) {
                return finish("deadline");
            }
            int past = cache == null ? 0 : cache.length();
            if (past + pending.length > model.config().maxContext()) {
                return finish("context");
            }
            if (cache == null) {
                cache = model.emptyCache();
            }
            DecoderModel.Step run = model.run(pending, cache);
            cache.close();
            cache = run.cache();
            steps.add(new Step(past, pending.length));
            int token = sampler.next(run.logits());
            if (firstToken < 0) {
                firstToken = clock.getAsLong();
            }
            if (model.isEnd(token)) {
                return finish("eos");
            }
            boolean reasoningToken = text.phase() != OutputText.Phase.ANSWER;
            generated.add((long) token);
            send(text.update(model.decode(ids()), false));
            if (reasoningToken) {
                reasoningTokens++;
            } else {
                answerTokens++;
            }
            if (text.stopped()) {
                return finish("stop");
            }
            if (text.phase() != OutputText.Phase.ANSWER && reasoningTokens >= settings.reasoningTokens()) {
                // Budget forcing: the end delimiter goes in after the token, and the answer follows from there.
                long[] end = model.reasoningEndIds();
                pending = new long[1 + end.length];
                pending[0] = token;
                System.arraycopy(end, 0, pending, 1, end.length);
                for (long id : end) {
                    generated.add(id);
                }
                reasoningCut = true;
                send(text.update(model.decode(ids()), false));
                return true;
            }
            if (answerTokens >= settings.maxTokens()) {
                return finish("length");
            }
            pending = new long[] {token};
            return true;
        } catch (Exception e) {
            close();
            finished = true;
            sink.failed(e);
            return false;
        }
    }

    private long[] ids() {
        long[] ids = new long[generated.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = generated.get(i);
        }
        return ids;
    }

    private void send(OutputText.Delta delta) {
        if (!delta.reasoning().isEmpty()) {
            sink.reasoning(delta.reasoning());
        }
        if (!delta.answer().isEmpty()) {
            sink.answer(delta.answer());
        }
    }

    private boolean finish(String reason) {
        send(text.update(model.decode(ids()), true));
        close();
        finished = true;
        double ttft = firstToken < 0 ? -1 : (firstToken - accepted) / 1e6;
        summary = new GenerationSummary(model.name(), model.version(), reason, text.reasoning(), text.answer(),
                promptTokens, reasoningTokens, answerTokens, reasoningCut, settings.seed(), ttft);
        sink.done(summary);
        return false;
    }

    private void close() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
