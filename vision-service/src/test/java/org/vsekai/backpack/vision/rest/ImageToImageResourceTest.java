package org.vsekai.backpack.vision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.vision.Frames;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /image-to-image/{model}}: a PNG through the tiny nearest-2x model, in tiles, and its problems. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ImageToImageResourceTest {

    @Test
    void aPngComesBackScaledUpExactly() throws Exception {
        BufferedImage image = new BufferedImage(150, 90, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 150; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        byte[] answer = given().contentType("image/png").body(Frames.encode(image, "png"))
                .post("/image-to-image/upscale").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();

        BufferedImage out = ImageIO.read(new ByteArrayInputStream(answer));
        assertThat(out.getWidth()).isEqualTo(300);
        assertThat(out.getHeight()).isEqualTo(180);
        for (int y = 0; y < 180; y++) {
            for (int x = 0; x < 300; x++) {
                assertThat(out.getRGB(x, y) & 0xFFFFFF).isEqualTo(image.getRGB(x / 2, y / 2) & 0xFFFFFF);
            }
        }
    }

    @Test
    void anUnknownModelAndABrokenImageAreProblems() {
        given().contentType("image/png").body(Frames.png(8, 8, 0)).post("/image-to-image/nope")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "imaging/unknown-model"));
        given().contentType("image/png").body("not an image".getBytes())
                .post("/image-to-image/upscale").then().statusCode(415).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "vision/unsupported-image"));
    }
}
