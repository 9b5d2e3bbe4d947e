package org.vsekai.backpack.launcher.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The local signing key pair of an embedded run: {@code private.pem} (PKCS#8, readable by its owner only) signs the
 * tokens {@code ./backpack token} prints; {@code public.pem} (X.509) is what the gateway verifies them with. Made
 * once, then reused, so tokens stay valid across restarts. In production the gateway verifies an identity
 * provider's tokens instead, and none of this exists.
 *
 * @param created whether this call made the pair (it did not exist)
 */
public record LocalKeys(Path privateKey, Path publicKey, boolean created) {

    public static final String PRIVATE_KEY_FILE = "private.pem";
    public static final String PUBLIC_KEY_FILE = "public.pem";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The pair in {@code directory}, made there first if it is not. */
    public static synchronized LocalKeys ensure(Path directory) {
        Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
        Path publicKey = directory.resolve(PUBLIC_KEY_FILE);
        if (Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey)) {
            return new LocalKeys(privateKey, publicKey, false);
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // The private key is written into a file that is the owner's alone from its first byte.
            Files.deleteIfExists(privateKey);
            createOwnerOnly(privateKey);
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new LocalKeys(privateKey, publicKey, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local key pair in " + directory + ": " + e.getMessage(),
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    public PrivateKey loadPrivateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(privateKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(privateKey + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    public RSAPublicKey loadPublicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(publicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(publicKey + " is not an RSA public key in PEM", e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system (Windows): the user's profile folder protects it
        } catch (FileAlreadyExistsException e) {
            // a concurrent run made it; it is overwritten below with this run's key
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path pem) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pem + ": " + e.getMessage(), e);
        }
    }
}
