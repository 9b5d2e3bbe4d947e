package org.vsekai.backpack.vision.audio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /audio/segments} refusing what it does not take, as problems, in the test profile's limits (1 MiB,
 * 20 s) and without a voice-activity model (the real one is tested in {@code RealModelsServiceTest}).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class AudioResourceTest {

    private static final String PROBLEMS = Problem.TYPE_BASE + "audio/";

    @Test
    void aBodyThatIsNotAWavIsABadWavProblem() {
        post("not a wav at all".getBytes())
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "bad-wav")).body("detail", containsString("not a RIFF file"));
    }

    @Test
    void aWavOfFloatOrEightBitSamplesIsABadWavProblem() {
        byte[] floats = Speech.wav(new short[100], 16_000, 1);
        ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3); // IEEE float
        post(floats).statusCode(400).body("type", equalTo(PROBLEMS + "bad-wav"))
                .body("detail", containsString("format 3"));
        byte[] eight = Speech.wav(new short[100], 16_000, 1);
        ByteBuffer.wrap(eight).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 8);
        post(eight).statusCode(400).body("detail", containsString("8-bit"));
    }

    @Test
    void aWavCutInsideItsHeaderIsABadWavProblem() {
        byte[] wav = Speech.wav(new short[10], 16_000, 1);
        post(java.util.Arrays.copyOf(wav, 30)).statusCode(400).body("detail", containsString("ends inside"));
    }

    @Test
    void aWavLongerThanTheLimitIsRefusedFromItsHeader() {
        // 30 s declared at 16 kHz: only its 44-byte header is sent, the limit is 20 s.
        byte[] header = Speech.wav(new short[0], 16_000, 1);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 30 * 16_000 * 2);
        post(header).statusCode(413).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "too-long"));
    }

    @Test
    void aWavLargerThanTheByteLimitIsRefusedFromItsHeader() {
        // 1.2 MB declared at 48 kHz stereo (6.25 s, within 20 s): past the 1 MiB limit.
        byte[] header = Speech.wav(new short[0], 48_000, 2);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 1_200_000);
        post(header).statusCode(413).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(PROBLEMS + "too-large"));
    }

    @Test
    void aGoodWavWithoutAModelIsANoModelProblem() {
        post(Speech.wav(new short[16_000], 16_000, 1)).statusCode(503)
                .body("type", equalTo(PROBLEMS + "no-model"));
    }

    @Test
    void transcriptionsTakeTheSameWavsAndHaveNoModelByDefault() {
        given().contentType("audio/wav").body("RIFF".getBytes()).when().post("/audio/transcriptions").then()
                .statusCode(400).body("type", equalTo(PROBLEMS + "bad-wav"));
        given().contentType("audio/wav").body(Speech.wav(new short[1600], 16_000, 1)).when()
                .post("/audio/transcriptions").then()
                .statusCode(503).contentType(Problem.MEDIA_TYPE).body("type", equalTo(PROBLEMS + "no-model"));
    }

    @Test
    void speechWithoutAVoiceIsANoModelProblem() {
        given().contentType("application/json").body("{\"text\":\"hello\"}").when().post("/audio/speech").then()
                .statusCode(503).contentType(Problem.MEDIA_TYPE).body("type", equalTo(PROBLEMS + "no-model"));
        given().contentType("audio/wav").body(Speech.wav(new short[1600], 16_000, 1)).when()
                .post("/audio/speech-to-speech").then()
                .statusCode(503).body("type", equalTo(PROBLEMS + "no-model"));
    }

    private static io.restassured.response.ValidatableResponse post(byte[] body) {
        return given().contentType("audio/wav").body(body).when().post("/audio/segments").then();
    }
}
