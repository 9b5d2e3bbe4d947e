package org.vsekai.backpack.vision.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.generation.GenerationRequest;
import org.vsekai.backpack.contracts.generation.GenerationSummary;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.inference.InferenceScheduler;

/**
 * The configured generation models and the generations running on them. A request is checked (limits, model,
 * sampling), admitted within {@code generation.max-concurrent} (one more is refused at once), and run step by step on
 * the inference scheduler's long lane, so its model runs never hold up interactive or stream work. The admission is
 * given back when the generation ends, however it ends.
 */
@Singleton
public class GenerationService {

    private static final Logger LOG = Logger.getLogger(GenerationService.class);

    private final VisionConfig.Generation config;
    private final InferenceScheduler scheduler;
    private final Map<String, DecoderModel> models = new LinkedHashMap<>();
    private final Semaphore admissions;
    private final Map<String, AtomicLong> finishes = new ConcurrentHashMap<>();

    public GenerationService(VisionConfig config, InferenceScheduler scheduler) {
        this.config = config.generation();
        this.scheduler = scheduler;
        this.admissions = new Semaphore(this.config.maxConcurrent());
        this.config.models().forEach((name, model) -> models.put(name, DecoderModel.load(name, model)));
    }

    public Map<String, DecoderModel> models() {
        return Map.copyOf(models);
    }

    /** Generations admitted and not yet ended. */
    public int running() {
        return config.maxConcurrent() - admissions.availablePermits();
    }

    /** Generations that ended with this finish ({@code eos}, {@code cancelled}, ...) since the start. */
    public long finished(String finish) {
        AtomicLong count = finishes.get(finish);
        return count == null ? 0 : count.get();
    }

    /**
     * Checks the request and starts it; its text goes to the sink from the scheduler's workers. A
     * {@link GenerationRejected} (nothing started, nothing sent) when it cannot be served.
     */
    public Generation start(GenerationRequest request, GenerationSink sink) {
        DecoderModel model = model(request.model());
        GenerationSettings settings = settings(request, model);
        long[] prompt = model.encode(request.prompt());
        if (prompt.length == 0) {
            throw new GenerationRejected(400, "empty-prompt", "Nothing to continue",
                    "The prompt is no tokens to this model's tokenizer");
        }
        if (prompt.length >= model.config().maxContext()) {
            throw new GenerationRejected(413, "prompt-too-long", "Prompt too long", "The prompt is "
                    + prompt.length + " tokens; this model takes " + model.config().maxContext() + " in all");
        }
        if (!admissions.tryAcquire()) {
            throw new GenerationRejected(503, "busy", "Generation is saturated",
                    config.maxConcurrent() + " generations are running already");
        }
        Generation generation;
        try {
            generation = new Generation(model, prompt, settings, new Releasing(sink), System::nanoTime);
        } catch (RuntimeException e) {
            admissions.release();
            throw e;
        }
        next(model.name(), generation);
        return generation;
    }

    private void next(String model, Generation generation) {
        scheduler.submitLong(model, generation.pendingTokens(), () -> {
            if (generation.step()) {
                next(model, generation);
            }
        });
    }

    private DecoderModel model(String name) {
        if (models.isEmpty()) {
            throw new GenerationRejected(503, "no-model", "No generation model",
                    "This service has no generation model (backpack.vision.generation.models)");
        }
        if (name == null || name.isBlank()) {
            if (models.size() > 1) {
                throw new GenerationRejected(400, "bad-request", "No model named", "This service has "
                        + models.size() + " generation models; the request names one of " + models.keySet());
            }
            return models.values().iterator().next();
        }
        DecoderModel model = models.get(name);
        if (model == null) {
            throw new GenerationRejected(404, "unknown-model", "Unknown model", "No generation model " + name
                    + "; there are " + models.keySet());
        }
        return model;
    }

    private GenerationSettings settings(GenerationRequest request, DecoderModel model) {
        if (request.prompt() == null || request.prompt().isEmpty()) {
            throw bad("The body needs \"prompt\": the text to continue");
        }
        if (request.prompt().length() > config.maxPromptLength()) {
            throw new GenerationRejected(413, "prompt-too-long", "Prompt too long", "A prompt may have at most "
                    + config.maxPromptLength() + " characters");
        }
        int maxTokens = within("maxTokens", request.maxTokens(), config.defaultMaxTokens(), 1, config.maxTokens());
        int reasoningTokens = within("reasoningTokens", request.reasoningTokens(),
                model.config().reasoning().defaultMaxTokens(), 1, config.maxTokens());
        double temperature = request.temperature() == null ? 0 : request.temperature();
        if (!(temperature >= 0 && temperature <= 100)) {
            throw bad("temperature must be from 0 (greedy) to 100");
        }
        int topK = within("topK", request.topK(), 0, 0, Integer.MAX_VALUE);
        double topP = request.topP() == null ? 1 : request.topP();
        if (!(topP > 0 && topP <= 1)) {
            throw bad("topP must be above 0 and at most 1");
        }
        List<String> stops = request.stop() == null ? List.of() : request.stop();
        if (stops.size() > config.maxStops()) {
            throw bad("At most " + config.maxStops() + " stop strings");
        }
        for (String stop : stops) {
            if (stop == null || stop.isEmpty() || stop.length() > config.maxStopLength()) {
                throw bad("A stop string has 1 to " + config.maxStopLength() + " characters");
            }
        }
        long limit = config.deadline().toNanos();
        long deadline = limit;
        if (request.deadlineMs() != null) {
            if (request.deadlineMs() <= 0) {
                throw bad("deadlineMs must be above 0");
            }
            deadline = Math.min(limit, TimeUnit.MILLISECONDS.toNanos(request.deadlineMs()));
        }
        long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong();
        boolean reasoning = request.reasoning() == null || request.reasoning();
        return new GenerationSettings(maxTokens, reasoning, reasoningTokens, stops, temperature, topK, topP, seed,
                System.nanoTime() + deadline);
    }

    private static int within(String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw bad(field + " must be from " + min + " to " + max);
        }
        return value;
    }

    private static GenerationRejected bad(String detail) {
        return new GenerationRejected(400, "bad-request", "Bad generation request", detail);
    }

    /** Gives the admission back once the generation has ended. */
    private final class Releasing implements GenerationSink {
        private final GenerationSink sink;

        Releasing(GenerationSink sink) {
            this.sink = sink;
        }

        @Override
        public void reasoning(String text) {
            sink.reasoning(text);
        }

        @Override
        public void answer(String text) {
            sink.answer(text);
        }

        @Override
        public void done(GenerationSummary summary) {
            admissions.release();
            finishes.computeIfAbsent(summary.finish(), f -> new AtomicLong()).incrementAndGet();
            sink.done(summary);
        }

        @Override
        public void failed(Exception error) {
            admissions.release();
            finishes.computeIfAbsent("failed", f -> new AtomicLong()).incrementAndGet();
            LOG.errorf(error, "A generation failed");
            sink.failed(error);
        }
    }

    @PreDestroy
    void close() {
        for (DecoderModel model : models.values()) {
            try {
                model.close();
            } catch (Exception e) {
                LOG.warnf("Closing generation model %s: %s", model.name(), e.getMessage());
            }
        }
    }
}
