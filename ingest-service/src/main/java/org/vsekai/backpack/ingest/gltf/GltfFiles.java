package org.vsekai.backpack.ingest.gltf;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.ReadLimits;
import org.vsekai.backpack.ingest.glb.ForwardChannel;
import org.vsekai.backpack.ingest.glb.GlbFile;
import org.vsekai.backpack.ingest.glb.GlbReader;

import de.javagl.jgltf.impl.v2.GlTF;

/**
 * Reads a stored upload as glTF 2.0: a GLB's container is checked first and only its JSON chunk is parsed; a
 * {@code .gltf} is parsed as it streams from disk. Either way the document is then validated. Blocks on I/O.
 */
public final class GltfFiles {

    private final ReadLimits limits;
    private final GltfJson json;

    public GltfFiles(ReadLimits limits) {
        this.limits = limits;
        this.json = new GltfJson(limits);
    }

    /** A binary glTF ({@code model/gltf-binary}) file. */
    public GltfDocument readGlb(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readGlb(channel);
        }
    }

    /** A binary glTF of {@code size} bytes from a stream (a blob): read forward, its BIN chunk skipped. */
    public GltfDocument readGlb(InputStream in, long size) throws IOException {
        try (ForwardChannel channel = new ForwardChannel(in, size)) {
            return readGlb(channel);
        }
    }

    private GltfDocument readGlb(SeekableByteChannel channel) throws IOException {
        GlbFile glb = GlbReader.read(channel, limits.maxJsonBytes());
        GlTF gltf = json.read(new ByteArrayInputStream(glb.json()));
        return GltfValidator.check(gltf, true, glb.binLength(), limits.maxEmbeddedBytes());
    }

    /** A JSON glTF ({@code model/gltf+json}) file, whose buffers must be {@code data:} URIs. */
    public GltfDocument readGltf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readGltf(in, Files.size(file));
        }
    }

    /** A JSON glTF of {@code size} bytes from a stream, parsed as it streams. */
    public GltfDocument readGltf(InputStream in, long size) throws IOException {
        if (size > limits.maxJsonBytes()) {
            throw FileLimitException.tooLarge("max-json-bytes", "", "the glTF JSON has " + size
                    + " bytes, at most " + limits.maxJsonBytes() + " are read");
        }
        GlTF gltf = json.read(new BufferedInputStream(in, 64 * 1024));
        return GltfValidator.check(gltf, false, OptionalLong.empty(), limits.maxEmbeddedBytes());
    }
}
