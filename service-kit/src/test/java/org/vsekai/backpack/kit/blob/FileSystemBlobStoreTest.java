package org.vsekai.backpack.kit.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system blob store on a real directory. */
class FileSystemBlobStoreTest {

    // sha256("hello"), as `printf hello | sha256sum` prints it.
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path directory;

    @Test
    void bytesAreStoredUnderTheirHashAndReadBack() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(directory);

        StoredBlob stored = store.put(stream("hello"), 100);

        assertThat(stored.ref().sha256()).isEqualTo(HELLO_SHA256);
        assertThat(stored.ref().uri()).isEqualTo("blob:sha256:" + HELLO_SHA256);
        assertThat(stored.sizeBytes()).isEqualTo(5);
        assertThat(stored.alreadyStored()).isFalse();
        try (InputStream in = store.open(stored.ref())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(store.size(stored.ref())).isEqualTo(5);
        assertThat(store.pathOf(stored.ref())).isEqualTo(directory.resolve("2c/f2/" + HELLO_SHA256));
    }

    @Test
    void theSameBytesTwiceAreStoredOnceAndTheSecondPutSaysSo() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(directory);

        StoredBlob first = store.put(stream("hello"), 100);
        StoredBlob second = store.put(stream("hello"), 100);

        assertThat(second.ref()).isEqualTo(first.ref());
        assertThat(second.alreadyStored()).isTrue();
        assertThat(blobFiles()).hasSize(1);
    }

    @Test
    void contentPastTheLimitIsRefusedAndLeavesNothingBehind() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(directory);

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[1001]), 1000))
                .isInstanceOfSatisfying(BlobTooLargeException.class,
                        e -> assertThat(e.limitBytes()).isEqualTo(1000));

        assertThat(blobFiles()).isEmpty();
        assertThat(store.put(new ByteArrayInputStream(new byte[1000]), 1000).sizeBytes()).isEqualTo(1000);
    }

    @Test
    void deleteRemovesTheBlobOnce() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(directory);
        BlobRef ref = store.put(stream("hello"), 100).ref();

        assertThat(store.delete(ref)).isTrue();
        assertThat(store.delete(ref)).isFalse();
        assertThat(store.exists(ref)).isFalse();
        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aReferenceIsParsedOnlyFromItsOwnForm() {
        assertThat(BlobRef.parse("blob:sha256:" + HELLO_SHA256.toUpperCase()).sha256()).isEqualTo(HELLO_SHA256);
        assertThatThrownBy(() -> BlobRef.parse("blob://scenes/" + HELLO_SHA256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobRef.parse("blob:sha256:../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
