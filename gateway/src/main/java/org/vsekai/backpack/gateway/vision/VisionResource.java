package org.vsekai.backpack.gateway.vision;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.audio.SpeechRequest;
import org.vsekai.backpack.contracts.audio.SpeechSegments;
import org.vsekai.backpack.contracts.audio.Transcript;
import org.vsekai.backpack.contracts.embedding.EmbeddingRequest;
import org.vsekai.backpack.contracts.embedding.Embeddings;
import org.vsekai.backpack.contracts.embedding.ItemSearchResult;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.vision.InferenceResult;
import org.vsekai.backpack.contracts.vision.ModelCatalog;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.BodyLimits;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The vision models and inference on an image, served by the vision-service, for any caller with a valid token.
 * Images and answers pass through unread, whatever their media type: the service decides which images it takes (PNG
 * and JPEG, read from their bytes) and answers 415 for the others, so that a caller without a token learns nothing
 * but 401. The service's problems (unknown model, image limits, busy) come back with their status and type.
 */
@Path(Peers.API)
@Tag(name = "Vision", description = "The ONNX models: inference on an image, voice activity, speech to text, text "
        + "to speech and sentence embeddings")
@Authenticated
public class VisionResource {

    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    static final String WAV = "audio/wav";

    private final VisionClient vision;
    private final long maxImageBody;
    private final long maxAudioBody;
    private final long maxTextBody;

    public VisionResource(@RestClient VisionClient vision, GatewayConfig config) {
        this.vision = vision;
        this.maxImageBody = config.limits().maxImageBody().asLongValue();
        this.maxAudioBody = config.limits().maxAudioBody().asLongValue();
        this.maxTextBody = config.limits().maxTextBody().asLongValue();
    }

    @GET
    @Path("models")
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The vision models",
            description = "Every model the vision-service has loaded: name, version (the first 12 hex digits of its "
                    + "file's SHA-256), task, decoder, input and output signature, pre-processing, labels and limits.")
    @APIResponse(responseCode = "200", description = "The models",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ModelCatalog.class)))
    @APIResponse(responseCode = "503", description = "The vision service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> models() {
        return vision.models().map(Peers::relay);
    }

    @POST
    @Path("infer/{model}")
    @RateLimited(RateClass.INFERENCE)
    @Produces({MediaType.APPLICATION_JSON, VisionJsonLd.MEDIA_TYPE})
    @Operation(summary = "Run a vision model on an image",
            description = "The body is one PNG or JPEG image (the format is read from its bytes). The answer is what "
                    + "the model found, in pixels of that image: detections, people with their COCO-17 keypoints, or "
                    + "classes, and the milliseconds of each stage. Accept: application/ld+json gives it as JSON-LD "
                    + "in the Backpack vocabulary.")
    @RequestBody(required = true, content = {
            @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "What the model found", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InferenceResult.class)),
            @Content(mediaType = VisionJsonLd.MEDIA_TYPE, schema = @Schema(implementation = InferenceResult.class))})
    @APIResponse(responseCode = "400", description = "A PNG or JPEG by its signature, but broken: undecodable-image "
            + "(relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No model of that name: unknown-model (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than this route takes (body-too-large), or "
            + "the image larger than the service takes (image-too-large; too-many-pixels: too many pixels or too long "
            + "a side; relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither PNG nor JPEG: unsupported-image (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The vision service is saturated (busy) or the model did not "
            + "answer in time (timeout), both relayed; or it is unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> infer(@Parameter(description = "The model's name, as GET /api/v1/models lists it")
                               @PathParam("model") String model,
                               // Described by the request body and the answers above, as OpenAPI would have it.
                               @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept,
                               byte[] image) {
        BodyLimits.requireAtMost(image, maxImageBody);
        return vision.infer(model, contentType, accept, image).map(Peers::relay);
    }

    @POST
    @Path("audio/segments")
    @RateLimited(RateClass.INFERENCE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find speech in a WAV file",
            description = "The body is one WAV file of PCM 16-bit samples, any rate and channel count. The answer "
                    + "lists the speech segments (start and end in milliseconds) Silero VAD found at 16 kHz.")
    @RequestBody(required = true, content = @Content(mediaType = "audio/wav",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The speech segments",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SpeechSegments.class)))
    @APIResponse(responseCode = "400", description = "Not a PCM 16-bit WAV: bad-wav (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the gateway takes (payload-too-large), or "
            + "larger or longer than the service takes (too-large, too-long; relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No voice-activity model (no-model) or saturated (busy), both "
            + "relayed; or the vision service is unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> segments(@Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                  byte[] wav) {
        BodyLimits.requireAtMost(wav, maxAudioBody);
        return vision.segments(contentType, wav).map(Peers::relay);
    }

    @POST
    @Path("audio/transcriptions")
    @RateLimited(RateClass.INFERENCE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Transcribe a WAV file",
            description = "The body is one WAV file of PCM 16-bit samples, any rate and channel count. Voice "
                    + "activity cuts it into speech segments, the configured CTC acoustic model reads each; the "
                    + "answer is the text, and each segment's times, text and confidence.")
    @RequestBody(required = true, content = @Content(mediaType = WAV,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The transcript",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Transcript.class)))
    @APIResponse(responseCode = "400", description = "Not a PCM 16-bit WAV: bad-wav (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the gateway takes (body-too-large), or "
            + "larger or longer than the service takes (too-large, too-long; relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No acoustic or voice-activity model (no-model) or saturated "
            + "(busy), both relayed; or the vision service is unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> transcriptions(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] wav) {
        BodyLimits.requireAtMost(wav, maxAudioBody);
        return vision.transcriptions(contentType, wav).map(Peers::relay);
    }

    @POST
    @Path("audio/speech")
    @RateLimited(RateClass.INFERENCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(WAV)
    @Operation(summary = "Speak a text",
            description = "The body is {\"text\": \"...\"}; the answer a PCM 16-bit WAV of it spoken by the "
                    + "configured VITS voice, its phonemes from espeak-ng.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SpeechRequest.class)))
    @APIResponse(responseCode = "200", description = "The spoken text",
            content = @Content(mediaType = WAV, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "No text, or one too long: bad-text (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the gateway takes (body-too-large)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No voice (no-model, relayed); or the vision service is "
            + "unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> speech(@Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                byte[] request) {
        BodyLimits.requireAtMost(request, maxTextBody);
        return vision.speech(contentType, request).map(Peers::relay);
    }

    @POST
    @Path("audio/speech-to-speech")
    @RateLimited(RateClass.INFERENCE)
    @Produces(WAV)
    @Operation(summary = "Speak a recording again",
            description = "The body is one PCM 16-bit WAV; it is transcribed (as POST /api/v1/audio/transcriptions) "
                    + "and the text spoken by the configured voice (as POST /api/v1/audio/speech), one WAV out.")
    @RequestBody(required = true, content = @Content(mediaType = WAV,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The recording's text, spoken",
            content = @Content(mediaType = WAV, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "Not a PCM 16-bit WAV (bad-wav), or nothing heard to speak "
            + "(bad-text); relayed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the gateway takes (body-too-large), or "
            + "larger or longer than the service takes (too-large, too-long; relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No acoustic model or voice (no-model) or saturated (busy), "
            + "both relayed; or the vision service is unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> speechToSpeech(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] wav) {
        BodyLimits.requireAtMost(wav, maxAudioBody);
        return vision.speechToSpeech(contentType, wav).map(Peers::relay);
    }

    @POST
    @Path("embeddings")
    @RateLimited(RateClass.INFERENCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embed texts",
            description = "The body is {\"texts\": [...]}, at most the service's embeddings.max-texts of them; the "
                    + "answer one 384-dimension unit vector per text, in order (all-MiniLM-L6-v2, mean pooled).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmbeddingRequest.class)))
    @APIResponse(responseCode = "200", description = "The embeddings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Embeddings.class)))
    @APIResponse(responseCode = "400", description = "No texts, or a null one: no-texts (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the gateway takes (body-too-large), or more "
            + "texts than the service takes (too-many-texts, relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No embedding model (disabled, relayed); or the vision "
            + "service is unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> embeddings(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] request) {
        BodyLimits.requireAtMost(request, maxTextBody);
        return vision.embeddings(contentType, request).map(Peers::relay);
    }

    @GET
    @Path("items:search")
    @RateLimited(RateClass.INFERENCE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search items by text",
            description = "The items whose text (name, description, keywords with the OCR text folded in, categories "
                    + "and detected classes) is nearest the query's in meaning, best first, each with its cosine "
                    + "similarity: every item compared below the service's search.exact-below, Lucene's HNSW graph "
                    + "above it (method says which).")
    @APIResponse(responseCode = "200", description = "The items found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ItemSearchResult.class)))
    @APIResponse(responseCode = "400", description = "No query (no-query), one too long (query-too-long), or a bad "
            + "kind or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No embedding model (disabled, relayed); or the vision "
            + "service is unavailable (vision-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> searchItems(@Parameter(description = "The text to search for (1,000 characters at most)")
                                     @QueryParam("q") String query,
                                     @Parameter(description = "Only items of this kind (avatar, map, prop, scene)")
                                     @QueryParam("kind") String kind,
                                     @Parameter(description = "1 to 100, 10 by default")
                                     @QueryParam(Paging.LIMIT_PARAMETER) String limit) {
        if (query == null || query.isBlank()) {
            throw new ProblemException(Problem.ofType("search/no-query", 400, "No query",
                    "?q= needs a text to search for"));
        }
        if (kind != null) {
            RequestChecks.id("kind", kind);
        }
        return vision.searchItems(query, kind, RequestChecks.limit(limit, Paging.DEFAULT_RANKED)).map(Peers::relay);
    }
}
