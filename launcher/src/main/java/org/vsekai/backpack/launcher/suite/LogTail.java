package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a service's log: what someone needs to see when it did not come up. */
public final class LogTail {

    /** Only the end of a large log is read; a stack trace fits comfortably. */
    private static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    /** Up to {@code count} last lines; none when the file does not exist or cannot be read. */
    public static List<String> lastLines(Path file, int count) {
        if (count <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> lines = Arrays.asList(text.split("\r?\n", -1));
            if (size < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first one is cut in the middle
            }
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines = lines.subList(0, lines.size() - 1); // the final newline ends a line, it does not start one
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The lines indented, ready to print under a message. */
    public static String indented(Path file, int count) {
        List<String> lines = lastLines(file, count);
        if (lines.isEmpty()) {
            return "    (" + file + " is empty or missing)";
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append("    | ").append(line).append(System.lineSeparator());
        }
        return text.toString().stripTrailing();
    }
}
