package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** A process's resident set size from Linux's {@code /proc/<pid>/status}: what the service really costs in RAM. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Bytes resident now; empty where there is no {@code /proc} (not Linux) or the process is gone. */
    public static OptionalLong ofProcess(long pid) {
        try {
            return parseStatus(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Reads the {@code VmRSS:   123456 kB} line. */
    static OptionalLong parseStatus(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                String unit = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "kb";
                return OptionalLong.of(switch (unit) {
                    case "kb" -> value * 1024;
                    case "mb" -> value * 1024 * 1024;
                    default -> value;
                });
            }
        }
        return OptionalLong.empty();
    }

    /** {@code 212 MiB}, or {@code n/a}. */
    public static String format(OptionalLong bytes) {
        return bytes.isPresent() ? Math.round(bytes.getAsLong() / (1024.0 * 1024.0)) + " MiB" : "n/a";
    }
}
