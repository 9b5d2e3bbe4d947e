package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void returnsTheLastLinesInOrder() throws IOException {
        Path log = write("a.log", lines(1, 100) + "\n");

        assertThat(LogTail.lastLines(log, 3)).containsExactly("line 98", "line 99", "line 100");
    }

    @Test
    void returnsEveryLineOfAShortFileAndKeepsALastLineWithoutNewline() throws IOException {
        Path log = write("b.log", "first\r\nsecond\nthird");

        assertThat(LogTail.lastLines(log, 10)).containsExactly("first", "second", "third");
    }

    @Test
    void readsOnlyTheEndOfALargeFileAndDropsTheCutLine() throws IOException {
        // About 1.3 MB: more than the part that is read.
        Path log = write("c.log", lines(1, 100_000) + "\n");

        assertThat(LogTail.lastLines(log, 2)).containsExactly("line 99999", "line 100000");
        assertThat(LogTail.lastLines(log, 1_000_000)).first().asString().matches("line \\d+");
    }

    @Test
    void aMissingOrEmptyFileHasNoLines() throws IOException {
        assertThat(LogTail.lastLines(dir.resolve("missing.log"), 5)).isEmpty();
        assertThat(LogTail.lastLines(write("empty.log", ""), 5)).isEmpty();
        assertThat(LogTail.indented(dir.resolve("missing.log"), 5)).contains("empty or missing");
    }

    @Test
    void indentsForPrinting() throws IOException {
        Path log = write("d.log", "Exception in thread main\n\tat Foo.bar\n");

        assertThat(LogTail.indented(log, 5)).isEqualTo("    | Exception in thread main" + System.lineSeparator()
                + "    | \tat Foo.bar");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    }
}
