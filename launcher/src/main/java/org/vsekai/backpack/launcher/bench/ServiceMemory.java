package org.vsekai.backpack.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.vsekai.backpack.launcher.suite.ResidentMemory;
import org.vsekai.backpack.launcher.suite.RunningService;

/**
 * One service's memory now: its resident set (what the machine pays) and its JVM heap in use and after the last
 * collection, read from its own Prometheus metrics ({@code /q/metrics}, Micrometer's JVM binders).
 */
record ServiceMemory(String service, OptionalLong residentBytes, OptionalLong heapUsedBytes,
                     OptionalLong liveDataBytes) {

    static ServiceMemory of(RunningService service, HttpClient http) {
        String metrics = "";
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            metrics = answer.statusCode() == 200 ? answer.body() : "";
        } catch (IOException e) {
            metrics = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ServiceMemory(service.name(), service.residentMemoryNow(),
                sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
                sum(metrics, "jvm_gc_live_data_size_bytes", null));
    }

    /** The sum of a metric's samples whose labels contain {@code label} (all of them when null). */
    static OptionalLong sum(String prometheusText, String metric, String label) {
        double total = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char after = line.charAt(metric.length());
            if (after != '{' && after != ' ') {
                continue; // another metric whose name starts the same
            }
            int labelsEnd = line.indexOf('}');
            String labels = after == '{' && labelsEnd > 0 ? line.substring(metric.length(), labelsEnd + 1) : "";
            if (label != null && !labels.contains(label)) {
                continue;
            }
            String[] parts = line.substring(after == '{' && labelsEnd > 0 ? labelsEnd + 1 : metric.length()).trim()
                    .split("\\s+");
            try {
                total += Double.parseDouble(parts[0]);
                found = true;
            } catch (NumberFormatException e) {
                // a line this reader does not understand is not a sample
            }
        }
        return found ? OptionalLong.of(Math.round(total)) : OptionalLong.empty();
    }

    /**
     * The least-squares slope of {@code values} (bytes) against {@code minutes}, in MiB per minute: how fast memory
     * grows over the samples given. NaN with fewer than two samples.
     */
    static double slopeMibPerMinute(List<Double> minutes, List<Long> values) {
        int n = Math.min(minutes.size(), values.size());
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += minutes.get(i);
            meanY += values.get(i);
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double dx = minutes.get(i) - meanX;
            covariance += dx * (values.get(i) - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? Double.NaN : covariance / variance / (1024.0 * 1024.0);
    }
}
