package org.vsekai.backpack.vision.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.audio.Transcript;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.vision.audio.AudioRejected;
import org.vsekai.backpack.vision.speech.SpeechToText;

import ai.onnxruntime.OrtException;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /audio/transcriptions}: a WAV in the body, its text back, by speech segment. The limits and
 * problems are those of {@code /audio/segments}, with {@code speech.max-duration} for the length.
 */
@Path("/audio/transcriptions")
public class TranscriptionResource {

    private final SpeechToText speech;

    public TranscriptionResource(SpeechToText speech) {
        this.speech = speech;
    }

    @POST
    @Blocking
    @Consumes({"audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Transcribe a WAV file", description = "The body is one WAV file of PCM 16-bit samples. The"
            + " answer is its text, whole and per speech segment, read by the configured CTC acoustic model.")
    public Transcript transcribe(InputStream body) {
        try {
            return speech.transcribe(body);
        } catch (AudioRejected e) {
            throw AudioResource.problem(e);
        } catch (SpeechToText.NoModel e) {
            throw new ProblemException(Problem.ofType("audio/no-model", 503, "No acoustic model", e.getMessage()));
        } catch (org.vsekai.backpack.vision.audio.VoiceActivity.Busy e) {
            throw new ProblemException(Problem.ofType("audio/busy", 503, "Transcription is saturated",
                    e.getMessage() + "; try again shortly"));
        } catch (IOException e) {
            throw AudioResource.unreadable(e);
        } catch (OrtException e) {
            throw new IllegalStateException("the acoustic model failed: " + e.getMessage(), e);
        }
    }
}
