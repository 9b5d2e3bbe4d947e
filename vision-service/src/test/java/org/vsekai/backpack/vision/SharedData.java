package org.vsekai.backpack.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real data beside the project ({@code ../shared/data} from the repository root; see its README.md), never
 * copied into the repository. {@code -Dbackpack.shared-data=DIR} names it explicitly; otherwise the first
 * {@code shared/data} in the repository root's parent or an ancestor of it (a git worktree sits a level deeper).
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> directory() {
        String configured = System.getProperty("backpack.shared-data");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        // Tests run in the module directory; its parent is the repository root.
        Path root = Path.of("").toAbsolutePath().getParent();
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("shared/data");
            if (Files.isDirectory(data)) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }

    /** A model file of {@code shared/data/models}, when it is there. */
    public static Optional<Path> model(String file) {
        return directory().map(d -> d.resolve("models").resolve(file)).filter(Files::isRegularFile);
    }
}
