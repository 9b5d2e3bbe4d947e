package org.vsekai.backpack.vision.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime 1.29.0 kills the process (SIGSEGV) when it creates its environment under a command line longer than
 * about 3,990 bytes; the service refuses such a command line with a message instead. Checked in child JVMs, since
 * the crash takes the whole process.
 */
class CommandLineGuardTest {

    @Test
    void aLongCommandLineIsRefusedWithAReasonInsteadOfCrashing() throws Exception {
        Child child = run("x".repeat(4000));
        assertThat(child.exitCode()).as("output: %s", child.output()).isEqualTo(3);
        assertThat(child.output()).contains("the command line of this process is").contains("argument file");
    }

    @Test
    void aShortCommandLineCreatesTheEnvironment() throws Exception {
        Child child = run("short");
        assertThat(child.exitCode()).as("output: %s", child.output()).isZero();
        assertThat(child.output()).contains("environment 1.29.0");
    }

    record Child(int exitCode, String output) {
    }

    /** Creates the environment in a JVM whose command line carries a {@code -Dpad} of that value. */
    private static Child run(String pad) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dpad=" + pad,
                Main.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The class path goes in the environment, so that only the pad makes the command line long.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Child(process.exitValue(), output);
    }

    /** The child: exit 0 with the environment, 3 with the refusal. */
    public static final class Main {
        public static void main(String[] args) {
            try {
                System.out.println("environment " + ModelLoader.environment().getVersion());
            } catch (ModelLoadException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
