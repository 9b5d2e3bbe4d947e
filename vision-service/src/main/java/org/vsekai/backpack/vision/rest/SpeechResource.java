package org.vsekai.backpack.vision.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.audio.SpeechRequest;
import org.vsekai.backpack.contracts.audio.Transcript;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.vision.audio.AudioRejected;
import org.vsekai.backpack.vision.audio.VoiceActivity;
import org.vsekai.backpack.vision.speech.SpeechToText;
import org.vsekai.backpack.vision.speech.TextToSpeech;

import ai.onnxruntime.OrtException;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /audio/speech}: text in, a WAV of it spoken by the configured voice out; {@code POST
 * /audio/speech-to-speech}: a WAV in, its transcript spoken again out (speech to text, then text to speech).
 */
@Path("/audio")
public class SpeechResource {

    static final String WAV = "audio/wav";

    private final TextToSpeech voice;
    private final SpeechToText listener;

    public SpeechResource(TextToSpeech voice, SpeechToText listener) {
        this.voice = voice;
        this.listener = listener;
    }

    @POST
    @Path("speech")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(WAV)
    @Operation(summary = "Speak a text", description = "The body is {\"text\": \"...\"}; the answer a PCM 16-bit WAV"
            + " of it spoken by the configured VITS voice, its phonemes from espeak-ng.")
    public Response speak(SpeechRequest request) {
        return Response.ok(spoken(request == null ? null : request.text())).type(WAV).build();
    }

    @POST
    @Path("speech-to-speech")
    @Blocking
    @Consumes({WAV, "audio/x-wav", "audio/wave", "audio/vnd.wave", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(WAV)
    @Operation(summary = "Speak a recording again", description = "The body is a PCM 16-bit WAV; it is transcribed"
            + " (as POST /audio/transcriptions) and the text spoken by the configured voice (as POST /audio/speech).")
    public Response again(InputStream body) {
        Transcript heard;
        try {
            heard = listener.transcribe(body);
        } catch (AudioRejected e) {
            throw AudioResource.problem(e);
        } catch (SpeechToText.NoModel e) {
            throw noModel(e);
        } catch (VoiceActivity.Busy e) {
            throw new ProblemException(Problem.ofType("audio/busy", 503, "Speech is saturated", e.getMessage()));
        } catch (IOException e) {
            throw AudioResource.unreadable(e);
        } catch (OrtException e) {
            throw new IllegalStateException("the acoustic model failed: " + e.getMessage(), e);
        }
        return Response.ok(spoken(heard.text())).type(WAV).build();
    }

    private byte[] spoken(String text) {
        try {
            return voice.speak(text);
        } catch (TextToSpeech.TextRejected e) {
            throw new ProblemException(Problem.ofType("audio/bad-text", 400, "Nothing to speak", e.getMessage()));
        } catch (SpeechToText.NoModel e) {
            throw noModel(e);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("speaking failed: " + e.getMessage(), e);
        }
    }

    private static ProblemException noModel(RuntimeException e) {
        return new ProblemException(Problem.ofType("audio/no-model", 503, "No speech model", e.getMessage()));
    }
}
