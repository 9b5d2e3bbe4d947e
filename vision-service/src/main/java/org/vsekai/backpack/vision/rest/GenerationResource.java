package org.vsekai.backpack.vision.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.generation.GeneratedText;
import org.vsekai.backpack.contracts.generation.GenerationRequest;
import org.vsekai.backpack.contracts.generation.GenerationSummary;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.vision.generate.Generation;
import org.vsekai.backpack.vision.generate.GenerationRejected;
import org.vsekai.backpack.vision.generate.GenerationService;
import org.vsekai.backpack.vision.generate.GenerationSink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * {@code POST /generate}: a prompt in, its continuation out as server-sent events, token by token: {@code reasoning}
 * and {@code answer} events ({@code {"text": "..."}}) as the text grows, then one {@code done} (the summary) or
 * {@code error} (a problem). A request the service does not take is a problem+json answer before any event. When the
 * client goes, the generation stops at its next step.
 */
@Path("/generate")
public class GenerationResource {

    private final GenerationService generations;
    private final ObjectMapper json;

    public GenerationResource(GenerationService generations, ObjectMapper json) {
        this.generations = generations;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Generate text", description = "The body is a GenerationRequest (prompt, model, maxTokens, "
            + "temperature, topK, topP, seed, stop, reasoning, reasoningTokens, deadlineMs); the answer server-sent "
            + "events: reasoning and answer ({\"text\"}), then done (GenerationSummary) or error (a problem).")
    public Multi<OutboundSseEvent> generate(GenerationRequest request, @Context Sse sse) {
        if (request == null) {
            throw new ProblemException(Problem.ofType("generation/bad-request", 400, "Bad generation request",
                    "The body needs a JSON object with \"prompt\""));
        }
        // Events made before the client subscribes wait here; at most a generation's tokens.
        UnicastProcessor<OutboundSseEvent> events = UnicastProcessor.create();
        Generation generation;
        try {
            generation = generations.start(request, new Events(events, sse));
        } catch (GenerationRejected e) {
            throw new ProblemException(e.problem());
        }
        return events.onCancellation().invoke(generation::cancel);
    }

    /** A generation's text as named events on the stream. */
    private final class Events implements GenerationSink {
        private final UnicastProcessor<OutboundSseEvent> events;
        private final Sse sse;

        Events(UnicastProcessor<OutboundSseEvent> events, Sse sse) {
            this.events = events;
            this.sse = sse;
        }

        @Override
        public void reasoning(String text) {
            events.onNext(event("reasoning", new GeneratedText(text)));
        }

        @Override
        public void answer(String text) {
            events.onNext(event("answer", new GeneratedText(text)));
        }

        @Override
        public void done(GenerationSummary summary) {
            events.onNext(event("done", summary));
            events.onComplete();
        }

        @Override
        public void failed(Exception error) {
            events.onNext(event("error", Problem.ofType("generation/failed", 500, "Generation failed",
                    "The model failed: " + error.getMessage())));
            events.onComplete();
        }

        private OutboundSseEvent event(String name, Object data) {
            try {
                return sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an event that is not JSON: " + e.getMessage(), e);
            }
        }
    }
}
