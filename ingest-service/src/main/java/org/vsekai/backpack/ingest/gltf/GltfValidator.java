package org.vsekai.backpack.ingest.gltf;

import static org.vsekai.backpack.ingest.gltf.Checks.index;
import static org.vsekai.backpack.ingest.gltf.Checks.indices;
import static org.vsekai.backpack.ingest.gltf.Checks.refuse;
import static org.vsekai.backpack.ingest.gltf.Checks.required;
import static org.vsekai.backpack.ingest.gltf.JsonPointers.child;
import static org.vsekai.backpack.ingest.gltf.JsonPointers.of;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.javagl.jgltf.impl.v2.AnimationChannel;
import de.javagl.jgltf.impl.v2.AnimationSampler;
import de.javagl.jgltf.impl.v2.Asset;
import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.impl.v2.GlTFProperty;
import de.javagl.jgltf.impl.v2.MeshPrimitive;
import de.javagl.jgltf.impl.v2.Node;
import de.javagl.jgltf.impl.v2.TextureInfo;

/**
 * What a conformant glTF 2.0 reader must check before it trusts a document, as the Khronos glTF validator reports
 * errors (its issue codes are used): the asset version, every index in range, buffers, views and accessors
 * within their declared lengths ({@link BufferLayout}), the node hierarchy a tree ({@link NodeGraph}), node
 * transforms usable, camera projections complete, every extension declared. Warnings of the validator are not
 * errors here, and neither are its data checks, which need the buffers' bytes (this service never reads them).
 *
 * <p>Sections are checked in a fixed order (asset, extensions, buffers, buffer views, accessors, images, textures,
 * materials, meshes, cameras, skins, nodes, scenes, animations) and the first error found is the one reported.
 */
public final class GltfValidator {

    private static final Pattern VERSION = Pattern.compile("([0-9]+)\\.([0-9]+)");
    private static final Set<String> TRS = Set.of("translation", "rotation", "scale");
    // The validator's tolerance: slightly above the error of signed 8-bit quantization.
    private static final double UNIT_LENGTH_TOLERANCE = 0.00769;

    private final GlTF gltf;
    private final Checks checks;

    private GltfValidator(GlTF gltf) {
        this.gltf = gltf;
        this.checks = new Checks(gltf.getExtensionsUsed());
    }

    /**
     * Checks the document and names what it references but does not hold.
     *
     * @param glb          whether it came from a GLB
     * @param glbBinLength that GLB's BIN chunk length; empty for a {@code .gltf} or a GLB without one
     * @throws org.vsekai.backpack.ingest.format.InvalidFileException at the first error
     * @throws org.vsekai.backpack.ingest.format.FileLimitException   when data: URIs decode to too many bytes
     */
    public static GltfDocument check(GlTF gltf, boolean glb, OptionalLong glbBinLength, long maxEmbeddedBytes) {
        GltfValidator validator = new GltfValidator(gltf);
        UriPolicy uris = new UriPolicy(maxEmbeddedBytes);
        validator.asset();
        validator.extensionLists();
        new BufferLayout(gltf, validator.checks).check(glbBinLength, glb, uris);
        validator.images(uris);
        validator.texturesAndMaterials();
        validator.meshes();
        validator.cameras();
        validator.skins();
        validator.nodes();
        NodeGraph graph = NodeGraph.check(gltf);
        index(gltf.getScene(), gltf.getScenes(), "/scene", "scene");
        validator.animations();
        return new GltfDocument(gltf, graph, uris.ignored());
    }

    private void asset() {
        Asset asset = required(gltf.getAsset(), "", "asset");
        checks.extensions(asset, "/asset");
        String version = required(asset.getVersion(), "/asset", "version");
        int[] parsed = version("/asset/version", version);
        if (parsed[0] != 2) {
            throw refuse("UNKNOWN_ASSET_MAJOR_VERSION", "/asset/version", "glTF " + version
                    + " is not glTF 2.x, which is all this service reads");
        }
        if (asset.getMinVersion() != null) {
            int[] minimum = version("/asset/minVersion", asset.getMinVersion());
            if (minimum[0] != 2 || minimum[1] > 0) {
                throw refuse("UNSUPPORTED_MIN_VERSION", "/asset/minVersion", "the asset needs a glTF "
                        + asset.getMinVersion() + " reader; this one reads 2.0");
            }
        }
    }

    private static int[] version(String pointer, String version) {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            throw refuse("PATTERN_MISMATCH", pointer, "'" + version + "' is not <major>.<minor>");
        }
        try {
            return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
        } catch (NumberFormatException e) {
            throw refuse("PATTERN_MISMATCH", pointer, "'" + version + "' is not <major>.<minor>");
        }
    }

    private void extensionLists() {
        Set<String> used = new HashSet<>();
        List<String> usedList = gltf.getExtensionsUsed() == null ? List.of() : gltf.getExtensionsUsed();
        for (int i = 0; i < usedList.size(); i++) {
            if (!used.add(usedList.get(i))) {
                throw refuse("DUPLICATE_ELEMENTS", of("extensionsUsed", i), "'" + usedList.get(i) + "' twice");
            }
        }
        List<String> required = gltf.getExtensionsRequired() == null ? List.of() : gltf.getExtensionsRequired();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < required.size(); i++) {
            if (!seen.add(required.get(i))) {
                throw refuse("DUPLICATE_ELEMENTS", of("extensionsRequired", i), "'" + required.get(i) + "' twice");
            }
            if (!used.contains(required.get(i))) {
                throw refuse("UNUSED_EXTENSION_REQUIRED", of("extensionsRequired", i), "'" + required.get(i)
                        + "' is required but not in extensionsUsed");
            }
        }
        checks.extensions(gltf, "");
    }

    /** Runs {@code check} on each object of a top-level array, after checking its extensions are declared. */
    private <T extends GlTFProperty> void each(List<T> objects, String array, BiConsumer<T, String> check) {
        for (int i = 0; objects != null && i < objects.size(); i++) {
            String pointer = of(array, i);
            checks.extensions(objects.get(i), pointer);
            check.accept(objects.get(i), pointer);
        }
    }

    private void images(UriPolicy uris) {
        each(gltf.getImages(), "images", (image, pointer) -> {
            if ((image.getUri() == null) == (image.getBufferView() == null)) {
                throw refuse("ONE_OF_MISMATCH", pointer, "exactly one of 'uri' and 'bufferView' must be defined");
            }
            if (image.getBufferView() != null) {
                index(image.getBufferView(), gltf.getBufferViews(), child(pointer, "bufferView"), "bufferView");
                required(image.getMimeType(), pointer, "mimeType");
            } else {
                uris.image(image.getUri(), child(pointer, "uri"));
            }
        });
    }

    private void texturesAndMaterials() {
        each(gltf.getTextures(), "textures", (texture, pointer) -> {
            index(texture.getSampler(), gltf.getSamplers(), child(pointer, "sampler"), "sampler");
            index(texture.getSource(), gltf.getImages(), child(pointer, "source"), "image");
        });
        each(gltf.getMaterials(), "materials", (material, pointer) -> {
            if (material.getPbrMetallicRoughness() != null) {
                String pbr = child(pointer, "pbrMetallicRoughness");
                checks.extensions(material.getPbrMetallicRoughness(), pbr);
                texture(material.getPbrMetallicRoughness().getBaseColorTexture(), child(pbr, "baseColorTexture"));
                texture(material.getPbrMetallicRoughness().getMetallicRoughnessTexture(),
                        child(pbr, "metallicRoughnessTexture"));
            }
            texture(material.getNormalTexture(), child(pointer, "normalTexture"));
            texture(material.getOcclusionTexture(), child(pointer, "occlusionTexture"));
            texture(material.getEmissiveTexture(), child(pointer, "emissiveTexture"));
        });
    }

    private void texture(TextureInfo info, String pointer) {
        if (info != null) {
            checks.extensions(info, pointer);
            index(required(info.getIndex(), pointer, "index"), gltf.getTextures(), child(pointer, "index"),
                    "texture");
        }
    }

    private void meshes() {
        each(gltf.getMeshes(), "meshes", (mesh, meshPointer) -> {
            List<MeshPrimitive> primitives = required(mesh.getPrimitives(), meshPointer, "primitives");
            for (int p = 0; p < primitives.size(); p++) {
                MeshPrimitive primitive = primitives.get(p);
                String pointer = child(child(meshPointer, "primitives"), p);
                checks.extensions(primitive, pointer);
                accessors(required(primitive.getAttributes(), pointer, "attributes"), child(pointer, "attributes"));
                index(primitive.getIndices(), gltf.getAccessors(), child(pointer, "indices"), "accessor");
                index(primitive.getMaterial(), gltf.getMaterials(), child(pointer, "material"), "material");
                List<Map<String, Integer>> targets = list(primitive.getTargets());
                for (int t = 0; t < targets.size(); t++) {
                    accessors(targets.get(t), child(child(pointer, "targets"), t));
                }
            }
        });
    }

    private void accessors(Map<String, Integer> semantics, String pointer) {
        for (Map.Entry<String, Integer> attribute : semantics.entrySet()) {
            index(attribute.getValue(), gltf.getAccessors(), child(pointer, attribute.getKey()), "accessor");
        }
    }

    private void cameras() {
        each(gltf.getCameras(), "cameras", (camera, pointer) -> {
            String type = required(camera.getType(), pointer, "type");
            if (camera.getPerspective() != null && camera.getOrthographic() != null) {
                throw refuse("ONE_OF_MISMATCH", pointer, "a camera is perspective or orthographic, not both");
            }
            if (type.equals("perspective")) {
                var perspective = required(camera.getPerspective(), pointer, "perspective");
                String at = child(pointer, "perspective");
                checks.extensions(perspective, at);
                required(perspective.getYfov(), at, "yfov");
                depthRange(required(perspective.getZnear(), at, "znear"), perspective.getZfar(), at);
            } else if (type.equals("orthographic")) {
                var orthographic = required(camera.getOrthographic(), pointer, "orthographic");
                String at = child(pointer, "orthographic");
                checks.extensions(orthographic, at);
                required(orthographic.getXmag(), at, "xmag");
                required(orthographic.getYmag(), at, "ymag");
                depthRange(required(orthographic.getZnear(), at, "znear"),
                        required(orthographic.getZfar(), at, "zfar"), at);
            }
            // Another type is an extension's (the validator warns); such a camera gets no calibration.
        });
    }

    private static void depthRange(float znear, Float zfar, String pointer) {
        if (zfar != null && zfar <= znear) {
            throw refuse("CAMERA_ZFAR_LEQUAL_ZNEAR", child(pointer, "zfar"), "zfar " + zfar
                    + " must be greater than znear " + znear);
        }
    }

    private void skins() {
        each(gltf.getSkins(), "skins", (skin, pointer) -> {
            indices(required(skin.getJoints(), pointer, "joints"), gltf.getNodes(), child(pointer, "joints"), "node");
            index(skin.getSkeleton(), gltf.getNodes(), child(pointer, "skeleton"), "node");
            index(skin.getInverseBindMatrices(), gltf.getAccessors(), child(pointer, "inverseBindMatrices"),
                    "accessor");
        });
    }

    private void nodes() {
        each(gltf.getNodes(), "nodes", (node, pointer) -> {
            index(node.getCamera(), gltf.getCameras(), child(pointer, "camera"), "camera");
            index(node.getMesh(), gltf.getMeshes(), child(pointer, "mesh"), "mesh");
            index(node.getSkin(), gltf.getSkins(), child(pointer, "skin"), "skin");
            if (node.getMesh() == null && (node.getSkin() != null || node.getWeights() != null)) {
                throw refuse("UNSATISFIED_DEPENDENCY", child(pointer, node.getSkin() != null ? "skin" : "weights"),
                        "needs 'mesh'");
            }
            transform(node, pointer);
        });
    }

    private static void transform(Node node, String pointer) {
        float[] matrix = node.getMatrix();
        if (matrix != null) {
            if (node.getTranslation() != null || node.getRotation() != null || node.getScale() != null) {
                throw refuse("NODE_MATRIX_TRS", child(pointer, "matrix"),
                        "a node has either a matrix or translation/rotation/scale");
            }
            if (!NodeTransforms.isDecomposable(matrix)) {
                throw refuse("NODE_MATRIX_NON_TRS", child(pointer, "matrix"), "the matrix is not decomposable "
                        + "to translation, rotation and scale");
            }
        }
        float[] rotation = node.getRotation();
        if (rotation != null) {
            double length = 0;
            for (int c = 0; c < 4; c++) {
                if (rotation[c] < -1 || rotation[c] > 1) {
                    throw refuse("VALUE_NOT_IN_RANGE", child(child(pointer, "rotation"), c),
                            rotation[c] + " is outside [-1, 1]");
                }
                length += (double) rotation[c] * rotation[c];
            }
            if (Math.abs(1 - Math.sqrt(length)) > UNIT_LENGTH_TOLERANCE) {
                throw refuse("NODE_ROTATION_NON_UNIT", child(pointer, "rotation"), "the quaternion has length "
                        + Math.sqrt(length) + ", not 1");
            }
        }
    }

    private void animations() {
        each(gltf.getAnimations(), "animations", (animation, pointer) -> {
            List<AnimationSampler> samplers = required(animation.getSamplers(), pointer, "samplers");
            for (int s = 0; s < samplers.size(); s++) {
                String at = child(child(pointer, "samplers"), s);
                checks.extensions(samplers.get(s), at);
                index(required(samplers.get(s).getInput(), at, "input"), gltf.getAccessors(), child(at, "input"),
                        "accessor");
                index(required(samplers.get(s).getOutput(), at, "output"), gltf.getAccessors(), child(at, "output"),
                        "accessor");
            }
            List<AnimationChannel> channels = required(animation.getChannels(), pointer, "channels");
            for (int c = 0; c < channels.size(); c++) {
                String at = child(child(pointer, "channels"), c);
                AnimationChannel channel = channels.get(c);
                checks.extensions(channel, at);
                index(required(channel.getSampler(), at, "sampler"), samplers, child(at, "sampler"),
                        "sampler of this animation");
                var target = required(channel.getTarget(), at, "target");
                String targetAt = child(at, "target");
                checks.extensions(target, targetAt);
                String path = required(target.getPath(), targetAt, "path");
                index(target.getNode(), gltf.getNodes(), child(targetAt, "node"), "node");
                if (target.getNode() != null && TRS.contains(path)
                        && gltf.getNodes().get(target.getNode()).getMatrix() != null) {
                    throw refuse("ANIMATION_CHANNEL_TARGET_NODE_MATRIX", child(targetAt, "path"),
                            "an animation cannot target " + path + " of a node with a matrix");
                }
            }
        });
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
