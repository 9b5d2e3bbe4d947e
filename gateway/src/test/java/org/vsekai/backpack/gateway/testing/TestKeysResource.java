package org.vsekai.backpack.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes a fresh RSA key pair for the test run, as {@code ./backpack up} does for a local run: the gateway verifies
 * with the public key, {@link TestTokens} signs with the private one. Files, not fields, so that the test class
 * loader and Quarkus' one see the same keys.
 */
public class TestKeysResource implements QuarkusTestResourceLifecycleManager {

    static final Path DIRECTORY = Path.of("target", "test-keys").toAbsolutePath();
    static final Path PRIVATE_KEY = DIRECTORY.resolve("private.pem");
    static final Path PUBLIC_KEY = DIRECTORY.resolve("public.pem");

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIRECTORY);
            Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC_KEY.toString());
    }

    @Override
    public void stop() {
        // the keys stay in target/ for a look after a failed run
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
