package org.vsekai.backpack.recommender.model.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.recommender.model.matrix.Interaction;

/**
 * Reads MovieLens-style ratings: one {@code user item rating unix-time} line each, tab (or space) separated. Every
 * rating becomes an implicit interaction of weight 1, whatever its value: the protocol treats a rating as "seen".
 */
public final class RatingsFile {

    private RatingsFile() {
    }

    public static List<Interaction> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no ratings file at " + file.toAbsolutePath().normalize());
        }
        List<Interaction> interactions = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4) {
                    throw new IllegalArgumentException(file + ":" + number
                            + ": expected 'user item rating unix-time', got '" + line + "'");
                }
                try {
                    interactions.add(new Interaction(fields[0], fields[1], 1f, Long.parseLong(fields[3])));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": bad time '" + fields[3] + "'");
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no ratings file at " + file.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return interactions;
    }
}
