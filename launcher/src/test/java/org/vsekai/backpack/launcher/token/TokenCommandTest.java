package org.vsekai.backpack.launcher.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.UsageException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code ./backpack token}: a token the gateway will accept, made with the local key pair. */
class TokenCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final List<String> notes = new ArrayList<>();

    @Test
    void printsAnRs256TokenForTheUserSignedWithTheLocalKey() throws Exception {
        String token = run("alice");

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("iss").asText()).isEqualTo(LocalTokens.ISSUER);
        assertThat(claims.path("aud").asText()).isEqualTo(LocalTokens.AUDIENCE);
        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactly("user");
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.plus(TokenCommand.DEFAULT_TTL).getEpochSecond());

        LocalKeys keys = LocalKeys.ensure(root.resolve(".backpack/keys"));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.loadPublicKey());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void makesTheKeyPairOnceWithAPrivateKeyOnlyItsOwnerCanRead() throws Exception {
        run("alice");
        Path privateKey = root.resolve(".backpack/keys/private.pem");
        byte[] first = Files.readAllBytes(privateKey);
        assertThat(notes).hasSize(1);

        run("bob");

        assertThat(Files.readAllBytes(privateKey)).as("the same key").isEqualTo(first);
        assertThat(notes).hasSize(1);
        if (Files.getFileStore(privateKey).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void anAdminTokenCarriesBothRolesAndTheTtlGiven() throws Exception {
        JsonNode claims = decode(run("ops", "--admin", "--ttl", "30m").split("\\.")[1]);

        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactly("user", "admin");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(1800);
    }

    @Test
    void escapesTheUserIdInTheJson() throws Exception {
        JsonNode claims = decode(run("a\"b\\c").split("\\.")[1]);

        assertThat(claims.path("sub").asText()).isEqualTo("a\"b\\c");
    }

    @Test
    void readsDurations() {
        assertThat(parseTtl("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(parseTtl("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(parseTtl("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(parseTtl("PT5M")).isEqualTo(Duration.ofMinutes(5));
        for (String bad : List.of("0s", "31d", "soon", "-1h", "")) {
            assertThatThrownBy(() -> parseTtl(bad)).as(bad).isInstanceOf(UsageException.class);
        }
    }

    @Test
    void refusesMissingOrExtraArguments() {
        assertThatThrownBy(() -> run()).isInstanceOf(UsageException.class).hasMessageContaining("name the user");
        assertThatThrownBy(() -> run("alice", "bob")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> run("alice", "--root")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> run("alice", "--ttl")).isInstanceOf(UsageException.class);
    }

    private Duration parseTtl(String text) {
        return BackpackCommand.parse(command(), List.of("alice", "--ttl", text)).ttl;
    }

    private TokenCommand command() {
        return new TokenCommand(root, Clock.fixed(NOW, ZoneOffset.UTC), notes::add);
    }

    private String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = BackpackCommand.call(command(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
