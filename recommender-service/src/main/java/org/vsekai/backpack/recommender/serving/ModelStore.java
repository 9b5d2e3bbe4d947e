package org.vsekai.backpack.recommender.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.recommender.RecommenderConfig;

/**
 * The directory of saved models, one file per version ({@code model-<version>.bin}, {@link SnapshotFile}). Versions
 * sort by age, so the newest is the last name. A file is written under a temporary name and moved into place, so a
 * crash mid-write never leaves a half file that looks like a model.
 */
@ApplicationScoped
public class ModelStore {

    private static final Logger LOG = Logger.getLogger(ModelStore.class);
    private static final String PREFIX = "model-";
    private static final String SUFFIX = ".bin";

    private final Path directory;

    public ModelStore(RecommenderConfig config) {
        try {
            directory = config.models().directory().isPresent()
                    ? Files.createDirectories(config.models().directory().get())
                    : Files.createTempDirectory("backpack-models-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model directory", e);
        }
        LOG.infof("Models are saved in %s", directory.toAbsolutePath());
    }

    public Path directory() {
        return directory;
    }

    public Path save(ServingSnapshot snapshot) throws IOException {
        Path target = directory.resolve(PREFIX + snapshot.version() + SUFFIX);
        Path partial = directory.resolve(PREFIX + snapshot.version() + SUFFIX + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            SnapshotFile.write(snapshot, out);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Saved versions, oldest first. */
    public List<String> versions() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(PREFIX) && name.endsWith(SUFFIX))
                    .map(name -> name.substring(PREFIX.length(), name.length() - SUFFIX.length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServingSnapshot load(String version) throws IOException {
        try (InputStream in = Files.newInputStream(directory.resolve(PREFIX + version + SUFFIX))) {
            return SnapshotFile.read(in);
        }
    }

    /** The newest model that reads back whole; a damaged file is logged and passed over for the one before. */
    public Optional<ServingSnapshot> loadNewest() {
        List<String> versions = versions().stream().sorted(Comparator.reverseOrder()).toList();
        for (String version : versions) {
            try {
                return Optional.of(load(version));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Model %s cannot be read (%s); trying an older one", version, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Deletes every version but the newest {@code keep}; returns how many it deleted. */
    public int prune(int keep) {
        List<String> versions = versions();
        int deleted = 0;
        for (String version : versions.subList(0, Math.max(0, versions.size() - Math.max(1, keep)))) {
            try {
                Files.deleteIfExists(directory.resolve(PREFIX + version + SUFFIX));
                deleted++;
            } catch (IOException e) {
                LOG.warnf("Old model %s cannot be deleted: %s", version, e.getMessage());
            }
        }
        return deleted;
    }
}
