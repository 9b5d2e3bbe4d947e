package org.vsekai.backpack.vision.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.model.ModelDigest;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.ModelLoader;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * An image-to-image model: one input float32 [1,3,h,w], one output float32 [1,3,sh,sw]. Its scale s is measured at
 * load on a tile of zeros (it must be a whole number, the same on both sides); a model with a fixed input size gets
 * tiles of that size.
 */
public final class ImageModel implements AutoCloseable {

    private static final String CLASSPATH = "classpath:";

    private final String name;
    private final String version;
    private final OrtSession session;
    private final String input;
    private final int tile;
    private final boolean fixed;
    private final int overlap;
    private final int scale;
    private final float divisor;

    private ImageModel(String name, String version, OrtSession session, String input, int tile, boolean fixed,
                       VisionConfig.ImageModel config) throws OrtException {
        this.name = name;
        this.version = version;
        this.session = session;
        this.input = input;
        this.tile = tile;
        this.fixed = fixed;
        this.overlap = config.overlap();
        this.divisor = config.divisor();
        int probe = fixed ? tile : Math.min(tile, 16);
        float[] out = run(new float[3 * probe * probe], probe, probe);
        double ratio = Math.sqrt(out.length / 3.0) / probe;
        this.scale = (int) Math.round(ratio);
        if (scale < 1 || 3L * probe * scale * probe * scale != out.length) {
            throw new ModelLoadException("image model " + name + " gave " + out.length + " values for a " + probe
                    + "x" + probe + " tile: not [1,3,sh,sw] of a whole scale s");
        }
        if (2 * overlap >= tile) {
            throw new ModelLoadException("image model " + name + ": overlap " + overlap + " must be under half the "
                    + "tile (" + tile + ")");
        }
    }

    public static ImageModel load(String name, VisionConfig.ImageModel config) {
        String what = "image model " + name;
        try {
            byte[] bytes;
            if (config.file().startsWith(CLASSPATH)) {
                String resource = config.file().substring(CLASSPATH.length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ModelLoadException(what + ": no class-path resource " + resource);
                    }
                    bytes = in.readAllBytes();
                }
            } else {
                bytes = Files.readAllBytes(Path.of(config.file()));
            }
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(config.intraOpThreads());
                session = ModelLoader.environment().createSession(bytes, options);
            }
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.size() != 1 || outputs.size() != 1) {
                session.close();
                throw new ModelLoadException(what + " has " + inputs.size() + " inputs and " + outputs.size()
                        + " outputs; an image-to-image model has one of each");
            }
            NodeInfo in = inputs.values().iterator().next();
            TensorInfo info = (TensorInfo) in.getInfo();
            long[] shape = info.getShape();
            if (info.type != OnnxJavaType.FLOAT || shape.length != 4 || shape[1] != 3) {
                session.close();
                throw new ModelLoadException(what + ": input " + in.getName() + " is not float32 [1,3,h,w]");
            }
            boolean fixed = shape[2] > 0 && shape[3] > 0;
            if (fixed && shape[2] != shape[3]) {
                session.close();
                throw new ModelLoadException(what + ": a fixed input must be square, not " + shape[3] + "x"
                        + shape[2]);
            }
            int tile = fixed ? (int) shape[2] : config.tile();
            return new ImageModel(name, ModelDigest.version(bytes), session, in.getName(), tile, fixed, config);
        } catch (IOException | OrtException e) {
            throw new ModelLoadException(what + ": " + config.file() + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public int scale() {
        return scale;
    }

    public int tile() {
        return tile;
    }

    /** The input size is fixed: an image smaller than a tile on either side cannot be run. */
    public boolean fixed() {
        return fixed;
    }

    public TiledTransform transform() {
        return new TiledTransform(tile, overlap, scale, divisor);
    }

    /** One tile through the model: float CHW in, float CHW of the scaled size out. */
    public float[] run(float[] chw, int width, int height) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(ModelLoader.environment(), FloatBuffer.wrap(chw),
                new long[] {1, 3, height, width});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
