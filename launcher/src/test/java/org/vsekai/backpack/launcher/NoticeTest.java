package org.vsekai.backpack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The repository's LICENSE and NOTICE: every bundled model, data file and context has a NOTICE entry by its path,
 * so nothing under another licence comes in unlisted. Walks the working tree (build output, hidden folders and the
 * Maven wrapper's downloads left out), as a new file would be before it is committed.
 */
class NoticeTest {

    /** Folders whose every file must be listed. */
    static final Set<String> LISTED_FOLDERS = Set.of("models", "contexts");
    /** Files listed wherever they are. */
    static final Set<String> LISTED_EXTENSIONS = Set.of(".onnx", ".jsonld", ".tflite", ".pt", ".safetensors",
            ".gguf");
    static final Set<String> SKIPPED = Set.of("target", "node_modules");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theProjectIsApacheLicensedAndItsNoticeIsThere() throws IOException {
        assertThat(ROOT.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004",
                "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
        assertThat(ROOT.resolve("NOTICE")).content().startsWith("Backpack\n");
    }

    @Test
    void everyModelDataFileAndContextHasANoticeEntry() throws IOException {
        String notice = Files.readString(ROOT.resolve("NOTICE"));

        List<String> bundled = bundled(ROOT);

        assertThat(bundled).as("the walk finds the committed models and contexts")
                .contains("vision-service/src/test/resources/models/tiny-rf-detr.onnx",
                        "metadata-service/src/main/resources/jsonld/contexts/schemaorg-30.0.jsonld");
        assertThat(bundled.stream().filter(path -> !notice.contains(path)).toList())
                .as("files with no entry in NOTICE (add each by its path, with its licence and source)").isEmpty();
    }

    @Test
    void aNewModelWithoutAnEntryIsFound(@org.junit.jupiter.api.io.TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("svc/src/main/resources/models"));
        Files.writeString(repo.resolve("svc/src/main/resources/models/weights.bin"), "x");
        Files.createDirectories(repo.resolve("svc/target/models"));
        Files.writeString(repo.resolve("svc/target/models/built.onnx"), "x");
        Files.writeString(repo.resolve("svc/context.jsonld"), "{}");
        Files.writeString(repo.resolve("svc/Readme.md"), "x");

        assertThat(bundled(repo)).containsExactly("svc/context.jsonld", "svc/src/main/resources/models/weights.bin");
    }

    /** Repository-relative paths, with forward slashes, of the files that need an entry. */
    static List<String> bundled(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path relative = root.relativize(file);
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean inFolder = false;
                for (Path part : relative.getParent() == null ? List.<Path>of() : relative.getParent()) {
                    inFolder |= LISTED_FOLDERS.contains(part.toString());
                }
                boolean byType = LISTED_EXTENSIONS.stream().anyMatch(name::endsWith);
                if (inFolder || byType) {
                    found.add(relative.toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }
}
