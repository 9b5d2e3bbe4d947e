package org.vsekai.backpack.ingest.gltf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.bytes;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.embedded;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.triangle;
import static org.vsekai.backpack.ingest.fixtures.SceneFixtures.xmpScene;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.ingest.fixtures.SceneFixtures;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.format.ReadLimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * glTF reading and validation: what the Khronos validator accepts is accepted, and each malformed document is
 * refused with the validator's code and the JSON pointer of the first error.
 */
class GltfValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theKhronosCamerasSampleIsAccepted() throws IOException {
        GltfDocument document = files(ReadLimits.defaults()).readGltf(SceneFixtures.sharedData("gltf/Cameras.gltf"));
        assertThat(document.gltf().getCameras()).hasSize(2);
        assertThat(document.nodes().size()).isEqualTo(3);
        assertThat(document.ignoredUris()).isEmpty();
    }

    @Test
    void aGlbWrittenByJglTfIsAccepted() throws IOException {
        Path file = Files.write(dir.resolve("scene.glb"), SceneFixtures.glb(xmpScene(), triangle()));
        GltfDocument document = files(ReadLimits.defaults()).readGlb(file);
        assertThat(document.nodes().parentOf(1)).isZero();
        assertThat(document.nodes().parentOf(0)).isEqualTo(-1);
    }

    @Test
    void aCountOfTwoToTheThirtyFirstIsRefusedWhereItIsWritten() {
        refused(json -> accessor(json).put("count", 2147483648L), "VALUE_NOT_IN_RANGE", "/accessors/0/count");
    }

    @Test
    void theLargestCountThatIsReadStillHasToFitItsBufferView() {
        refused(json -> accessor(json).put("count", Integer.MAX_VALUE), "ACCESSOR_TOO_LONG", "/accessors/0");
    }

    @Test
    void aCountBelowOne() {
        InvalidFileException e = refused(json -> accessor(json).put("count", 0), "VALUE_NOT_IN_RANGE",
                "/accessors/0/count");
        assertThat(e.getMessage()).contains("count < 1");
    }

    @Test
    void anIndexOutOfRange() {
        refused(json -> node(json, 0).put("mesh", 5), "UNRESOLVED_REFERENCE", "/nodes/0/mesh");
        refused(json -> node(json, 0).withArray("children").set(0, 9), "UNRESOLVED_REFERENCE",
                "/nodes/0/children/0");
        refused(json -> primitive(json).withObject("attributes").put("POSITION", 1), "UNRESOLVED_REFERENCE",
                "/meshes/0/primitives/0/attributes/POSITION");
        refused(json -> json.put("scene", 3), "UNRESOLVED_REFERENCE", "/scene");
        refused(json -> ((ObjectNode) json.withArray("bufferViews").get(0)).put("buffer", 1),
                "UNRESOLVED_REFERENCE", "/bufferViews/0/buffer");
        refused(json -> ((ObjectNode) json.withArray("animations").get(0).get("channels").get(0)).put("sampler", 1),
                "UNRESOLVED_REFERENCE", "/animations/0/channels/0/sampler");
    }

    @Test
    void aBufferViewPastItsBuffersDeclaredLength() {
        refused(json -> ((ObjectNode) json.withArray("bufferViews").get(0)).put("byteOffset", 4),
                "BUFFER_VIEW_TOO_LONG", "/bufferViews/0");
    }

    @Test
    void anAccessorPastItsBufferView() {
        refused(json -> accessor(json).put("byteOffset", 4), "ACCESSOR_TOO_LONG", "/accessors/0");
        refused(json -> accessor(json).put("byteOffset", 2), "ACCESSOR_OFFSET_ALIGNMENT", "/accessors/0/byteOffset");
    }

    @Test
    void aSparsePartLargerThanItsAccessor() {
        refused(json -> accessor(json).putObject("sparse").put("count", 4)
                        .set("indices", JSON.createObjectNode().put("bufferView", 0).put("componentType", 5125)),
                "ACCESSOR_SPARSE_COUNT_OUT_OF_RANGE", "/accessors/0/sparse/count");
    }

    @Test
    void anAssetThatIsNotGltf2() {
        refused(json -> json.withObject("asset").put("version", "1.0"), "UNKNOWN_ASSET_MAJOR_VERSION",
                "/asset/version");
        refused(json -> json.withObject("asset").put("version", "two"), "PATTERN_MISMATCH", "/asset/version");
        refused(json -> json.withObject("asset").put("minVersion", "2.1"), "UNSUPPORTED_MIN_VERSION",
                "/asset/minVersion");
        refused(json -> json.remove("asset"), "UNDEFINED_PROPERTY", "");
        refused(json -> json.withObject("asset").remove("version"), "UNDEFINED_PROPERTY", "/asset");
    }

    @Test
    void aLaterMinorVersionIsAcceptedAsTheValidatorOnlyWarns() throws IOException {
        assertThat(read(edit(json -> json.withObject("asset").put("version", "2.1")), ReadLimits.defaults()))
                .isNotNull();
    }

    @Test
    void valuesOfTheWrongTypeAreNotCoerced() {
        refused(json -> accessor(json).put("count", 3.0), "TYPE_MISMATCH", "/accessors/0/count");
        refused(json -> accessor(json).put("count", "3"), "TYPE_MISMATCH", "/accessors/0/count");
        refused(json -> accessor(json).putNull("bufferView"), "TYPE_MISMATCH", "/accessors/0/bufferView");
        refused(json -> node(json, 0).put("children", 1), "TYPE_MISMATCH", "/nodes/0/children");
        refused(json -> json.withObject("asset").put("version", 2), "TYPE_MISMATCH", "/asset/version");
    }

    @Test
    void brokenJsonNamesWhereItBroke() {
        InvalidFileException e = refusedBytes("{\"asset\":{\"version\":\"2.0\"},\"nodes\":[{\"name\":}]}"
                .getBytes(), "INVALID_JSON");
        assertThat(e.location()).isEqualTo("/nodes/0/name");
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsRefusedBeforeItIsBuilt() {
        ObjectNode json = edit(node -> { });
        ObjectNode deepest = json.putObject("extras");
        for (int i = 0; i < 70; i++) {
            deepest = deepest.putObject("d");
        }
        FileLimitException e = limit(json, ReadLimits.defaults());
        assertThat(e.limit()).isEqualTo("max-json-depth");
        assertThat(e.problem().status()).isEqualTo(422);
        assertThat(e.problem().errors().get(0).field()).startsWith("/extras/d/d/d");
    }

    @Test
    void jsonWithMoreTokensThanTheLimit() {
        ObjectNode json = edit(node -> { });
        ArrayNode many = json.putArray("extras");
        for (int i = 0; i < 5000; i++) {
            many.add(i);
        }
        ReadLimits limits = new ReadLimits(1 << 20, 64, 2000, 1 << 20, 1 << 20, 100);
        assertThat(limit(json, limits).limit()).isEqualTo("max-json-tokens");
    }

    @Test
    void aGltfFileLargerThanTheJsonLimit() throws IOException {
        Path file = Files.write(dir.resolve("big.gltf"), bytes(edit(json -> json.put("extras", "x".repeat(4000)))));
        ReadLimits limits = new ReadLimits(1024, 64, 10_000, 1 << 20, 1 << 20, 100);
        assertThatThrownBy(() -> files(limits).readGltf(file)).isInstanceOfSatisfying(FileLimitException.class,
                e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    void aDataUriBombIsCountedWithoutDecodingAndRefused() {
        // 3 MiB of zeros in base64 within a 16 MiB JSON limit, but only 1 MiB may be embedded.
        String base64 = Base64.getEncoder().encodeToString(new byte[3 << 20]);
        ObjectNode json = edit(root -> {
            ObjectNode buffer = (ObjectNode) root.withArray("buffers").get(0);
            buffer.put("uri", "data:application/octet-stream;base64," + base64).put("byteLength", 3 << 20);
        });
        ReadLimits limits = new ReadLimits(16 << 20, 64, 100_000, 1 << 20, 1 << 20, 100);
        FileLimitException e = limit(json, limits);
        assertThat(e.limit()).isEqualTo("max-embedded-bytes");
        assertThat(e.problem().errors().get(0).field()).isEqualTo("/buffers/0/uri");
    }

    @Test
    void dataUrisAreCheckedAsTheValidatorChecksThem() {
        refused(json -> buffer(json).put("byteLength", 40), "BUFFER_EMBEDDED_BYTELENGTH_MISMATCH", "/buffers/0/uri");
        refused(json -> buffer(json).put("uri", "data:text/plain;base64,AAAA"), "BUFFER_DATA_URI_MIME_TYPE_INVALID",
                "/buffers/0/uri");
        refused(json -> buffer(json).put("uri", "data:application/octet-stream;base64,AA!A"), "INVALID_URI",
                "/buffers/0/uri");
    }

    @Test
    void externalBuffersAreRefusedAndNeverFetched() throws IOException {
        try (ServerSocket listener = new ServerSocket(0)) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/scene.bin";
            refused(json -> buffer(json).put("uri", url), "EXTERNAL_URI_REFUSED", "/buffers/0/uri");
            refused(json -> image(json).put("uri", url), "EXTERNAL_URI_REFUSED", "/images/0/uri");
            listener.setSoTimeout(300);
            assertThatThrownBy(listener::accept).as("nothing connected").isInstanceOf(SocketTimeoutException.class);
        }
        refused(json -> buffer(json).put("uri", "scene.bin"), "EXTERNAL_BUFFER_REFUSED", "/buffers/0/uri");
        refused(json -> buffer(json).put("uri", "file:///etc/passwd"), "EXTERNAL_URI_REFUSED", "/buffers/0/uri");
        refused(json -> image(json).put("uri", "../../secret.png"), "EXTERNAL_URI_REFUSED", "/images/0/uri");
        refused(json -> image(json).put("uri", "textures/%2e%2e/%2e%2e/x.png"), "EXTERNAL_URI_REFUSED",
                "/images/0/uri");
        refused(json -> image(json).put("uri", "/etc/passwd"), "EXTERNAL_URI_REFUSED", "/images/0/uri");
    }

    @Test
    void aRelativeImageIsListedAndIgnored() throws IOException {
        GltfDocument document = read(edit(json -> image(json).put("uri", "textures/wood.png")),
                ReadLimits.defaults());
        assertThat(document.ignoredUris()).containsExactly(new ExternalUri("/images/0/uri", "textures/wood.png"));
    }

    @Test
    void aBufferWithoutUriOutsideAGlb() {
        refused(json -> buffer(json).remove("uri"), "BUFFER_MISSING_GLB_DATA", "/buffers/0");
    }

    @Test
    void theNodeHierarchyMustBeATree() {
        refused(json -> node(json, 1).putArray("children").add(0), "NODE_LOOP", "/nodes/0");
        refused(json -> {
            json.withArray("nodes").addObject().putArray("children").add(1);
        }, "NODE_PARENT_OVERRIDE", "/nodes/2/children/0");
        refused(json -> ((ObjectNode) json.withArray("scenes").get(0)).withArray("nodes").add(1), "SCENE_NON_ROOT_NODE",
                "/scenes/0/nodes/1");
        refused(json -> node(json, 0).withArray("children").add(1), "DUPLICATE_ELEMENTS", "/nodes/0/children/1");
    }

    @Test
    void nodeTransformsMustBeUsable() {
        refused(json -> node(json, 1).set("matrix", JSON.valueToTree(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1,
                0, 0, 0, 0, 1})), "NODE_MATRIX_TRS", "/nodes/1/matrix");
        refused(json -> node(json, 0).set("matrix", JSON.valueToTree(new double[] {1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1,
                0, 0, 0, 0, 1})), "NODE_MATRIX_NON_TRS", "/nodes/0/matrix");
        refused(json -> node(json, 0).set("rotation", JSON.valueToTree(new double[] {0, 0, 0, 0.9})),
                "NODE_ROTATION_NON_UNIT", "/nodes/0/rotation");
        refused(json -> node(json, 0).set("translation", JSON.valueToTree(new double[] {0, 0})),
                "VALUE_NOT_IN_RANGE", "/nodes/0/translation");
    }

    @Test
    void cameraProjectionsMustBeComplete() {
        refused(json -> perspective(json).put("zfar", 0.05), "CAMERA_ZFAR_LEQUAL_ZNEAR",
                "/cameras/0/perspective/zfar");
        refused(json -> perspective(json).remove("yfov"), "UNDEFINED_PROPERTY", "/cameras/0/perspective");
        refused(json -> ((ObjectNode) json.withArray("cameras").get(0)).remove("perspective"), "UNDEFINED_PROPERTY",
                "/cameras/0");
    }

    @Test
    void extensionsMustBeDeclared() {
        // The asset comes first in the validator's order, so its packet reference is the first error.
        refused(json -> json.remove("extensionsUsed"), "UNDECLARED_EXTENSION",
                "/asset/extensions/KHR_xmp_json_ld");
        refused(json -> {
            json.withArray("extensionsUsed").add("KHR_texture_transform");
            primitive(json).putObject("extensions").putObject("EXT_meshopt_compression");
        }, "UNDECLARED_EXTENSION", "/meshes/0/primitives/0/extensions/EXT_meshopt_compression");
        refused(json -> json.withArray("extensionsRequired").add("KHR_draco_mesh_compression"),
                "UNUSED_EXTENSION_REQUIRED", "/extensionsRequired/0");
    }

    @Test
    void openEnumValuesThatJglTfsSettersWouldRefuseAreAcceptedAsTheValidatorOnlyWarns() throws IOException {
        ObjectNode json = edit(root -> {
            root.withArray("extensionsUsed").add("KHR_animation_pointer");
            ObjectNode target = (ObjectNode) root.withArray("animations").get(0).get("channels").get(0).get("target");
            target.remove("node");
            target.put("path", "pointer").putObject("extensions").putObject("KHR_animation_pointer")
                    .put("pointer", "/nodes/0/translation");
        });
        GltfDocument document = read(json, ReadLimits.defaults());
        assertThat(document.gltf().getAnimations().get(0).getChannels().get(0).getTarget().getPath())
                .isEqualTo("pointer");
    }

    @Test
    void validConstructsALenientReaderMightNotKnowAreAccepted() throws IOException {
        // Interleaved vertices (byteStride), a sparse accessor without bufferView (zeros plus substitutions), a
        // MAT3 of unsigned bytes with its column padding, a skin, an image in a bufferView, a texture with a
        // declared extension, a node matrix, an orthographic camera, a minVersion of 2.0 and a null in extras.
        byte[] bin = new byte[160];
        String json = """
                {"asset": {"version": "2.0", "minVersion": "2.0"},
                 "extensionsUsed": ["KHR_texture_transform"],
                 "buffers": [{"byteLength": 160, "uri": "data:application/gltf-buffer;base64,%s"}],
                 "bufferViews": [
                   {"buffer": 0, "byteOffset": 0, "byteLength": 72, "byteStride": 24, "target": 34962},
                   {"buffer": 0, "byteOffset": 72, "byteLength": 8},
                   {"buffer": 0, "byteOffset": 80, "byteLength": 16},
                   {"buffer": 0, "byteOffset": 96, "byteLength": 24},
                   {"buffer": 0, "byteOffset": 120, "byteLength": 40}],
                 "accessors": [
                   {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                    "min": [0, 0, 0], "max": [1, 1, 0]},
                   {"bufferView": 0, "byteOffset": 12, "componentType": 5126, "count": 3, "type": "VEC3"},
                   {"componentType": 5126, "count": 1000, "type": "SCALAR",
                    "sparse": {"count": 2, "indices": {"bufferView": 1, "componentType": 5125},
                               "values": {"bufferView": 1, "byteOffset": 0}}},
                   {"bufferView": 3, "componentType": 5121, "count": 2, "type": "MAT3"},
                   {"bufferView": 2, "componentType": 5126, "count": 4, "type": "SCALAR"}],
                 "images": [{"bufferView": 4, "mimeType": "image/png"}],
                 "samplers": [{"magFilter": 9729}],
                 "textures": [{"sampler": 0, "source": 0}],
                 "materials": [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0,
                     "extensions": {"KHR_texture_transform": {"scale": [2, 2]}}}}, "alphaMode": "MASK"}],
                 "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1}, "material": 0}]}],
                 "skins": [{"joints": [1, 2], "skeleton": 1}],
                 "cameras": [{"type": "orthographic", "orthographic": {"xmag": 2, "ymag": 1, "znear": 0,
                     "zfar": 50}}],
                 "nodes": [{"mesh": 0, "skin": 0, "children": [1]},
                           {"children": [2], "matrix": [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 1, 2, 3, 1]},
                           {"camera": 0, "rotation": [0, 0, 0.7071068, 0.7071068]}],
                 "scenes": [{"nodes": [0]}], "scene": 0,
                 "extras": {"note": null}}
                """.formatted(Base64.getEncoder().encodeToString(bin));
        Path file = Files.write(dir.resolve("valid.gltf"), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        GltfDocument document = files(ReadLimits.defaults()).readGltf(file);
        assertThat(document.nodes().parentOf(2)).isEqualTo(1);
        assertThat(document.gltf().getAccessors()).hasSize(5);
    }

    // --- helpers

    private static ObjectNode edit(Consumer<ObjectNode> change) {
        ObjectNode json = embedded(xmpScene(), triangle());
        json.withArray("images").addObject().put("uri", "data:image/png;base64,iVBORw0KGgo=").put("name", "tex");
        change.accept(json);
        return json;
    }

    private InvalidFileException refused(Consumer<ObjectNode> change, String code, String pointer) {
        ObjectNode json = edit(change);
        InvalidFileException[] caught = new InvalidFileException[1];
        assertThatThrownBy(() -> read(json, ReadLimits.defaults())).as("%s at %s", code, pointer)
                .isInstanceOfSatisfying(InvalidFileException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.location()).as(e.getMessage()).isEqualTo(pointer);
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().errors().get(0).field()).isEqualTo(pointer);
                    caught[0] = e;
                });
        return caught[0];
    }

    private InvalidFileException refusedBytes(byte[] json, String code) {
        InvalidFileException[] caught = new InvalidFileException[1];
        assertThatThrownBy(() -> {
            Path file = Files.write(Files.createTempFile(dir, "doc", ".gltf"), json);
            files(ReadLimits.defaults()).readGltf(file);
        }).isInstanceOfSatisfying(InvalidFileException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            caught[0] = e;
        });
        return caught[0];
    }

    private FileLimitException limit(ObjectNode json, ReadLimits limits) {
        FileLimitException[] caught = new FileLimitException[1];
        assertThatThrownBy(() -> read(json, limits)).isInstanceOfSatisfying(FileLimitException.class,
                e -> caught[0] = e);
        return caught[0];
    }

    private GltfDocument read(ObjectNode json, ReadLimits limits) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "doc", ".gltf"), bytes(json));
        return files(limits).readGltf(file);
    }

    private static GltfFiles files(ReadLimits limits) {
        return new GltfFiles(limits);
    }

    private static ObjectNode accessor(ObjectNode json) {
        return (ObjectNode) json.withArray("accessors").get(0);
    }

    private static ObjectNode buffer(ObjectNode json) {
        return (ObjectNode) json.withArray("buffers").get(0);
    }

    private static ObjectNode image(ObjectNode json) {
        return (ObjectNode) json.withArray("images").get(0);
    }

    private static ObjectNode node(ObjectNode json, int index) {
        return (ObjectNode) json.withArray("nodes").get(index);
    }

    private static ObjectNode primitive(ObjectNode json) {
        return (ObjectNode) json.withArray("meshes").get(0).get("primitives").get(0);
    }

    private static ObjectNode perspective(ObjectNode json) {
        return (ObjectNode) json.withArray("cameras").get(0).get("perspective");
    }
}
