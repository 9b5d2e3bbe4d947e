package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsVmRssInKibibytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 5000000 kB", "VmRSS:\t  204800 kB", "Threads:\t42");

        assertThat(ResidentMemory.parseStatus(status)).hasValue(204800L * 1024);
        assertThat(ResidentMemory.format(ResidentMemory.parseStatus(status))).isEqualTo("200 MiB");
    }

    @Test
    void noVmRssLineMeansUnknown() {
        // Kernel threads and zombies have no VmRSS line.
        assertThat(ResidentMemory.parseStatus(List.of("Name:\tkthreadd", "State:\tS (sleeping)"))).isEmpty();
        assertThat(ResidentMemory.format(OptionalLong.empty())).isEqualTo("n/a");
    }

    @Test
    void measuresThisVeryJvm() {
        OptionalLong rss = ResidentMemory.ofProcess(ProcessHandle.current().pid());

        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertThat(rss).isPresent();
            assertThat(rss.getAsLong()).isGreaterThan(10L * 1024 * 1024);
        } else {
            assertThat(rss).isEmpty();
        }
        assertThat(ResidentMemory.ofProcess(Long.MAX_VALUE)).isEmpty();
    }
}
