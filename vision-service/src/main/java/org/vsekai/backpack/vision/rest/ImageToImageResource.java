package org.vsekai.backpack.vision.rest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.imageio.ImageIO;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.image.ImageDecoder;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.imaging.ImageToImage;
import org.vsekai.backpack.vision.imaging.ImagingRejected;

import io.smallrye.common.annotation.Blocking;

/** {@code POST /image-to-image/{model}}: a PNG or JPEG in, the model's output image (tiled, blended) out as PNG. */
@Path("/image-to-image/{model}")
public class ImageToImageResource {

    private final ImageToImage imaging;
    private final ImageDecoder decoder;

    public ImageToImageResource(ImageToImage imaging, VisionConfig config) {
        this.imaging = imaging;
        this.decoder = new ImageDecoder(config.limits().maxImageBytes(), config.limits().maxPixels(),
                config.limits().maxDimension());
    }

    @POST
    @Blocking // the tiles run on the scheduler's long lane; this thread waits for them one by one
    @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
    @Produces("image/png")
    @Operation(summary = "Transform an image", description = "The body is one PNG or JPEG image; the answer the "
            + "model's output (super-resolution, style) as PNG, made tile by tile with the tiles' overlaps blended.")
    public Response transform(@PathParam("model") String name, InputStream body) {
        RgbImage image = InferenceResource.decode(decoder, InferenceResource.read(body, decoder));
        RgbImage output;
        try {
            output = imaging.apply(name, image);
        } catch (ImagingRejected e) {
            throw new ProblemException(e.problem());
        } catch (Exception e) {
            throw new IllegalStateException("the image model failed: " + e.getMessage(), e);
        }
        return Response.ok(png(output)).type("image/png").build();
    }

    static byte[] png(RgbImage image) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(buffered, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }
}
