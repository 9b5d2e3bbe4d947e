package org.vsekai.backpack.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A model file's SHA-256, which names its version: in full for the registry, its first 12 digits for a task. */
public final class ModelDigest {

    private ModelDigest() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The short version a task's answers carry: 12 hex digits of the file's SHA-256. */
    public static String version(byte[] bytes) {
        return hex(bytes).substring(0, 12);
    }

    /** The short version of a file read as it streams (a generation model may be gigabytes). */
    public static String version(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }
}
