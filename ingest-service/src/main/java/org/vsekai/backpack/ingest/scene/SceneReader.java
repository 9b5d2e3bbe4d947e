package org.vsekai.backpack.ingest.scene;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.ingest.camera.GltfCameras;
import org.vsekai.backpack.ingest.config.IngestLimits;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.format.ReadLimits;
import org.vsekai.backpack.ingest.gltf.ExternalUri;
import org.vsekai.backpack.ingest.gltf.GltfDocument;
import org.vsekai.backpack.ingest.gltf.GltfFiles;
import org.vsekai.backpack.ingest.tscn.TscnReader;
import org.vsekai.backpack.ingest.tscn.TscnResource;
import org.vsekai.backpack.ingest.tscn.TscnScene;
import org.vsekai.backpack.ingest.xmp.XmpPackets;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;

/**
 * Reads a stored scene of any format into its cameras, packets and references, straight from the blob store.
 * Blocks on I/O: call it on a worker thread.
 */
@ApplicationScoped
public class SceneReader {

    private final BlobStore blobs;
    private final GltfFiles gltf;
    private final ReadLimits limits;

    public SceneReader(BlobStore blobs, IngestLimits limits) {
        this.blobs = blobs;
        this.limits = limits.read();
        this.gltf = new GltfFiles(this.limits);
    }

    /**
     * @throws InvalidFileException  for a file a conformant reader refuses
     * @throws org.vsekai.backpack.ingest.format.FileLimitException beyond a limit
     * @throws java.nio.file.NoSuchFileException when the blob is gone
     */
    public SceneContent read(BlobRef ref, SceneFormat format) throws IOException {
        long size = blobs.size(ref);
        try (InputStream in = blobs.open(ref)) {
            return switch (format) {
                case GLB -> ofGltf(gltf.readGlb(in, size));
                case GLTF -> ofGltf(gltf.readGltf(in, size));
                case TSCN -> ofTscn(TscnReader.read(utf8(in), limits.maxNodes()));
            };
        } catch (CharacterCodingException e) {
            throw new InvalidFileException("TSCN_NOT_UTF8", "", "a Godot text scene is UTF-8 text");
        }
    }

    private SceneContent ofGltf(GltfDocument document) {
        return new SceneContent(GltfCameras.of(document), XmpPackets.extract(document, limits.maxMetadataBytes()),
                document.ignoredUris().stream().map(ExternalUri::uri).toList());
    }

    private static SceneContent ofTscn(TscnScene scene) {
        return new SceneContent(scene.cameras(), List.of(),
                scene.resources().stream().map(TscnResource::path).filter(path -> path != null).toList());
    }

    /** Text that is not UTF-8 is refused rather than read with replacement characters. */
    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
