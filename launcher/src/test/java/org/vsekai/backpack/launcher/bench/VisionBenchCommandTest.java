package org.vsekai.backpack.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.UsageException;

class VisionBenchCommandTest {

    /** What the vision-service refuses to start above (ModelLoader.MAX_COMMAND_LINE): ONNX Runtime crashes near 4 kB. */
    private static final int MAX_COMMAND_LINE = 3800;

    @TempDir
    Path root;

    @Test
    void runsTheBenchmarkClassInTheModuleWithItsClassPathInTheEnvironment() throws IOException {
        Path module = root.resolve("vision-service");
        // A class path as long as the real one (about 200 jars in ~/.m2), which must stay off the command line.
        String dependencies = IntStream.range(0, 250).mapToObj(i -> "/home/someone/.m2/repository/org/example/"
                + "artifact-" + i + "/1.0.0/artifact-" + i + "-1.0.0.jar").collect(Collectors.joining(File.pathSeparator));
        Files.createDirectories(module.resolve("target"));
        Files.writeString(module.resolve("target/bench.classpath"), dependencies + "\n");
        Properties launcher = new Properties();
        launcher.setProperty("backpack.shared-data", "/data/shared");
        launcher.setProperty(BackpackCommand.ROOT_PROPERTY, root.toString());
        launcher.setProperty("user.home", "/home/someone");

        ProcessBuilder process = parse("--runs", "20", "--no-kafka").process(root, launcher);

        assertThat(process.command()).endsWith(VisionBenchCommand.MAIN_CLASS, "--runs", "20", "--frames", "400",
                "--no-kafka");
        assertThat(process.command()).contains("-Dvision.module=" + module, "-Dbackpack.shared-data=/data/shared")
                .noneMatch(arg -> arg.startsWith("-D" + BackpackCommand.ROOT_PROPERTY))
                .noneMatch(arg -> arg.startsWith("-Duser.home"))
                .noneMatch(arg -> arg.equals("-cp") || arg.equals("-classpath"));
        // /proc/self/cmdline: the arguments, each followed by a NUL.
        assertThat(process.command().stream().mapToInt(arg -> arg.getBytes(StandardCharsets.UTF_8).length + 1).sum())
                .isLessThan(MAX_COMMAND_LINE);
        assertThat(process.environment().get("CLASSPATH")).isEqualTo(String.join(File.pathSeparator,
                module.resolve("target/test-classes").toString(), module.resolve("target/classes").toString(),
                dependencies));
        assertThat(process.directory().toPath()).isEqualTo(module);
    }

    @Test
    void withoutTheBenchmarksBuildItSaysHowToBuildIt() {
        assertThatThrownBy(() -> parse().process(root, new Properties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vision-service/target/bench.classpath")
                .hasMessageContaining("-Pbench package -pl vision-service -am");
    }

    @Test
    void takesPositiveCountsOnly() {
        VisionBenchCommand defaults = parse();
        assertThat(defaults.runs).isEqualTo(200);
        assertThat(defaults.frames).isEqualTo(400);
        assertThat(defaults.noKafka).isFalse();
        assertThatThrownBy(() -> parse("--frames", "0"))
                .isInstanceOf(UsageException.class).hasMessage("--frames takes a positive number, not '0'");
    }

    private static VisionBenchCommand parse(String... args) {
        return BackpackCommand.parse(new VisionBenchCommand(), List.of(args));
    }
}
