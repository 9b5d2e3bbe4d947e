package org.vsekai.backpack.launcher.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.suite.ServiceCommandLine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./backpack bench vision}: the vision-service's benchmark ({@code VisionBench}, in its test classes), run in
 * a JVM of its own in the module's folder, as its tests run. ONNX Runtime 1.29 crashes when the process's command
 * line is longer than about 3,990 bytes, so the class path goes in {@code CLASSPATH} and the command line holds only
 * the class, its options and the {@code -Dbackpack.*} options given to {@code ./backpack}. The script builds what it
 * needs first ({@code ./mvnw package -Pbench}, which writes the test class path to {@code target/bench.classpath}).
 */
@Command(name = "vision", description = "Benchmark the vision models: a bare ONNX Runtime run against the service's"
        + " path per model, pre-processing per megapixel, frames/s through Kafka with batching on and off (the"
        + " service as its own process; the PaddleOCR models too when ../shared/data has them), and the model tasks:"
        + " OCR lines/s and ms per frame, voice-activity real-time factor, each against bare runs.")
public final class VisionBenchCommand implements Callable<Integer> {

    static final String MODULE = "vision-service";
    static final String MAIN_CLASS = "org.vsekai.backpack.vision.bench.VisionBench";
    /** Written by {@code -Pbench} (vision-service/pom.xml): the test class path, dependencies only. */
    static final String CLASS_PATH_FILE = "target/bench.classpath";

    @Option(names = "--runs", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "200",
            description = "Timed runs per model (default: ${DEFAULT-VALUE}); a quarter as many more warm up.")
    int runs;

    @Option(names = "--frames", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "400",
            description = "Frames through Kafka per run, batching on and off (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--no-kafka", description = "Leave out the Kafka path (no broker, no service process).")
    boolean noKafka;

    @Override
    public Integer call() throws Exception {
        Process benchmark = process(BackpackCommand.repositoryRoot(), System.getProperties()).inheritIO().start();
        try {
            int code = benchmark.waitFor();
            if (code != 0) {
                throw new IllegalStateException("the vision benchmark exited with " + code + " (its output is above)");
            }
            return 0;
        } finally {
            benchmark.destroy(); // only still running if this thread was interrupted
        }
    }

    /** The benchmark's JVM: its command line, {@code CLASSPATH} and working directory. */
    ProcessBuilder process(Path repositoryRoot, Properties launcherProperties) {
        Path module = repositoryRoot.resolve(MODULE).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(ServiceCommandLine.currentJava().toString());
        command.add("-Dvision.module=" + module);
        launcherProperties.stringPropertyNames().stream()
                .filter(name -> name.startsWith("backpack.") && !name.equals(BackpackCommand.ROOT_PROPERTY))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + launcherProperties.getProperty(name)));
        command.add(MAIN_CLASS);
        command.addAll(List.of("--runs", Integer.toString(runs), "--frames", Integer.toString(frames)));
        if (noKafka) {
            command.add("--no-kafka");
        }
        ProcessBuilder process = new ProcessBuilder(command).directory(module.toFile());
        Map<String, String> environment = process.environment();
        environment.put("CLASSPATH", String.join(File.pathSeparator, module.resolve("target/test-classes").toString(),
                module.resolve("target/classes").toString(), dependencies(module)));
        return process;
    }

    private static String dependencies(Path module) {
        Path file = module.resolve(CLASS_PATH_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + MODULE + "/" + CLASS_PATH_FILE + ": build it with ./mvnw -B"
                    + " -DskipTests -Pbench package -pl " + MODULE + " -am (./backpack bench vision does)");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
