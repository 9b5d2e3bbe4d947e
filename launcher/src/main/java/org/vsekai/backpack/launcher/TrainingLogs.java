package org.vsekai.backpack.launcher;

/**
 * How the commands that train models ({@code evaluate}, {@code bench}) log: one line per record, and no GPU warnings
 * on CPU machines. Set before the first logger is made; a setting given with {@code -D} wins.
 */
public final class TrainingLogs {

    /** slf4j-simple's level for DJL's GPU probe (read when that logger is first made, so set before BPR runs). */
    static final String CUDA_PROBE_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private TrainingLogs() {
    }

    public static void configure() {
        // One line per model log record (ALS iterations etc.) instead of the JDK's two-line default.
        setIfAbsent("java.util.logging.SimpleFormatter.format", "%1$tT %5$s%6$s%n");
        // DJL's PyTorch engine (BPR) probes for a GPU and warns twice that there is none: expected on CPU machines.
        setIfAbsent(CUDA_PROBE_LOG_LEVEL, "error");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
