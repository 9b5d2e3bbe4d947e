package org.vsekai.backpack.vision.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.audio.SpeechSegments;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.vision.audio.AudioRejected;
import org.vsekai.backpack.vision.audio.VoiceActivity;

import ai.onnxruntime.OrtException;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /audio/segments}: a WAV (PCM 16-bit, any rate and channel count) in the body, the speech segments
 * back. The body is read as it arrives, within {@code audio.max-bytes} and {@code audio.max-duration}; every
 * refusal is a problem.
 */
@Path("/audio/segments")
public class AudioResource {

    private final VoiceActivity voice;

    public AudioResource(VoiceActivity voice) {
        this.voice = voice;
    }

    @POST
    @Blocking // the body is streamed through the model on this worker thread
    @Consumes({"audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find speech in a WAV file", description = "The body is one WAV file of PCM 16-bit samples,"
            + " any rate, any number of channels (averaged). The answer lists the speech segments, start and end in"
            + " milliseconds, found by Silero VAD at 16 kHz.")
    public SpeechSegments segments(InputStream body) {
        try {
            return voice.segments(body);
        } catch (AudioRejected e) {
            throw problem(e);
        } catch (VoiceActivity.NoModel e) {
            throw new ProblemException(Problem.ofType("audio/no-model", 503, "No voice-activity model",
                    e.getMessage()));
        } catch (VoiceActivity.Busy e) {
            throw new ProblemException(Problem.ofType("audio/busy", 503, "Voice activity is saturated",
                    e.getMessage() + "; try again shortly"));
        } catch (IOException e) {
            throw unreadable(e);
        } catch (OrtException e) {
            throw new IllegalStateException("the voice-activity model failed: " + e.getMessage(), e);
        }
    }

    /** The problem of audio the service does not take. */
    static ProblemException problem(AudioRejected e) {
        return new ProblemException(switch (e.kind()) {
            case BAD_WAV -> Problem.ofType("audio/bad-wav", 400, "Not a readable WAV", e.getMessage());
            case TOO_LARGE -> Problem.ofType("audio/too-large", 413, "Audio too large", e.getMessage());
            case TOO_LONG -> Problem.ofType("audio/too-long", 413, "Audio too long", e.getMessage());
        });
    }

    static ProblemException unreadable(IOException e) {
        return new ProblemException(Problem.of(400, "Bad Request", "The body could not be read: " + e.getMessage()));
    }
}
