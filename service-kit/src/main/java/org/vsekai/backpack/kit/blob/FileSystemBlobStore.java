package org.vsekai.backpack.kit.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link BlobStore} on a local (or mounted) directory: {@code <dir>/ab/cd/<sha256>}, two levels of fan-out so no
 * directory grows past a few thousand entries. Content is first streamed to a temporary file in the same
 * directory tree, hashed on the way, then moved atomically under its hash, so a reader never sees a half-written
 * blob and two writers of the same bytes both succeed with one copy kept.
 */
@ApplicationScoped
public class FileSystemBlobStore implements BlobStore {

    private static final int BUFFER = 64 * 1024;

    private final Path root;

    @Inject
    public FileSystemBlobStore(BlobStoreConfig config) {
        this(config.directory());
    }

    public FileSystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        Path incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
        Path temporary = Files.createTempFile(incoming, "upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (InputStream in = new DigestInputStream(content, digest);
                 OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            BlobRef ref = new BlobRef(HexFormat.of().formatHex(digest.digest()));
            Path target = pathOf(ref);
            if (Files.exists(target)) {
                return new StoredBlob(ref, size, true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                return new StoredBlob(ref, size, true); // the same bytes arrived at the same moment
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new StoredBlob(ref, size, false);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        return Files.newInputStream(pathOf(ref));
    }

    @Override
    public boolean exists(BlobRef ref) {
        return Files.isRegularFile(pathOf(ref));
    }

    @Override
    public long size(BlobRef ref) throws IOException {
        return Files.size(pathOf(ref));
    }

    @Override
    public boolean delete(BlobRef ref) throws IOException {
        return Files.deleteIfExists(pathOf(ref));
    }

    Path pathOf(BlobRef ref) {
        String hex = ref.sha256();
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
