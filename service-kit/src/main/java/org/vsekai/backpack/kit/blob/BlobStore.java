package org.vsekai.backpack.kit.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/**
 * Content-addressed storage of uploaded bytes (scenes, camera frames), shared by the service that writes them
 * (ingest) and those that read them (vision): events carry a {@link BlobRef}, never the bytes. The default is
 * {@link FileSystemBlobStore} under {@code backpack.blobs.directory}; an S3-compatible store implements the same
 * five operations (its key is the hash, so a put of known bytes is a HEAD and no write).
 *
 * <p>The methods block on I/O: call them from a worker thread, never from the event loop.
 */
public interface BlobStore {

    /**
     * Streams {@code content} into the store, hashing it as it goes, and keeps it under its hash. Never holds the
     * whole content in memory; stops reading and keeps nothing once more than {@code maxBytes} arrived.
     *
     * @throws BlobTooLargeException when the content is longer than {@code maxBytes}
     */
    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    /** The blob's bytes, to be closed by the caller. */
    InputStream open(BlobRef ref) throws IOException, NoSuchFileException;

    boolean exists(BlobRef ref) throws IOException;

    /** The blob's length in bytes. */
    long size(BlobRef ref) throws IOException, NoSuchFileException;

    /** Removes the blob; false when there was none. Callers decide whether anyone else still references it. */
    boolean delete(BlobRef ref) throws IOException;
}
