package org.vsekai.backpack.launcher.up;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;
import org.vsekai.backpack.launcher.suite.ResidentMemory;
import org.vsekai.backpack.launcher.suite.RunningService;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.suite.TraceExport;

/** What {@code ./backpack up} prints once everything is ready: where each piece is, and a first request to try. */
final class SuiteOverview {

    private static final String NL = System.lineSeparator();

    private SuiteOverview() {
    }

    /** {@code status} answers an endpoint's HTTP status (-1 for none), so missing endpoints are flagged. */
    static String render(Suite suite, ToIntFunction<URI> status, long elapsedNanos, boolean sequential,
                         TraceExport traces) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Backpack is up (%s infrastructure) after %.1f s.",
                suite.infrastructure().external() ? "external" : "embedded", elapsedNanos / 1e9)).append(NL).append(NL);
        String gatewayBase = suite.gatewayUrl();
        text.append("  Dashboard (admins) ").append(endpoint(gatewayBase + "/admin/", status))
                .append("  (sign in with ./backpack token <user> --admin)").append(NL);
        text.append("  Swagger UI         ").append(endpoint(gatewayBase + "/q/swagger-ui", status))
                .append("  (each service has its own too, below)").append(NL);
        text.append("  Metrics            ").append(endpoint(gatewayBase + "/q/metrics", status))
                .append("  (Prometheus text; every service at <url>/q/metrics)").append(NL);
        text.append("  Traces             ").append(traces.describe()).append(NL).append(NL);
        text.append(String.format(Locale.ROOT, "  %-20s %-24s %9s %10s", "SERVICE", "URL", "READY IN", "RSS"))
                .append(NL);
        for (RunningService service : suite.services()) {
            text.append(String.format(Locale.ROOT, "  %-20s %-24s %7.1f s %10s", service.name(), service.url(),
                    service.startupTime().map(Duration::toMillis).orElse(0L) / 1000.0,
                    ResidentMemory.format(service.residentMemoryAtReady()))).append(NL);
            String base = service.url();
            text.append(String.format(Locale.ROOT, "      %-7s %-44s %-7s %s", "health",
                    endpoint(base + "/q/health/ready", status), "metrics", endpoint(base + "/q/metrics", status)))
                    .append(NL);
            text.append(String.format(Locale.ROOT, "      %-7s %-44s %-7s %s", "openapi",
                    endpoint(base + "/q/openapi", status), "swagger", endpoint(base + "/q/swagger-ui", status)))
                    .append(NL);
        }
        if (!sequential) {
            text.append("  (The services started side by side, so their start-up times overlap; --sequential")
                    .append(NL).append("   measures each one alone.)").append(NL);
        }
        text.append(NL);
        text.append("  Kafka bootstrap   ").append(suite.kafkaBootstrap()).append(NL);
        text.append("  PostgreSQL        ").append(suite.postgresJdbcUrl()).append(NL);
        for (var entry : suite.databases().entrySet()) {
            DatabaseCoordinates db = entry.getValue();
            text.append(String.format(Locale.ROOT, "    %-20s %s (user %s)", entry.getKey(), db.jdbcUrl(), db.user()))
                    .append(NL);
        }
        text.append("  Logs              ").append(suite.logDirectory()).append(" (")
                .append(suite.services().stream().map(s -> s.logFile().getFileName().toString())
                        .collect(Collectors.joining(", ")))
                .append(", infra.log)").append(NL);
        text.append(NL);
        String gateway = suite.gatewayUrl();
        text.append("Try it: every call but public reads needs a token; ./backpack token <user> [--admin] prints one")
                .append(NL).append("(signed with the local key in ").append(suite.keys().privateKey().getParent())
                .append("). Alice likes avatar-1, then bob's recommendations include it:").append(NL);
        text.append("  ALICE=$(./backpack token alice)").append(NL);
        text.append("  curl -i -X POST ").append(gateway).append("/api/v1/interactions \\").append(NL);
        text.append("    -H \"Authorization: Bearer $ALICE\" -H 'Content-Type: application/ld+json' \\").append(NL);
        text.append("    -d '{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"type\":\"Like\",")
                .append("\"actor\":\"alice\",\"object\":\"avatar-1\",\"published\":\"2026-11-26T12:00:00Z\"}'")
                .append(NL);
        text.append("  curl -H \"Authorization: Bearer $(./backpack token bob)\" ").append(gateway)
                .append("/api/v1/users/bob/recommendations").append(NL);
        text.append("  Admin calls (training): ./backpack token ops --admin. The whole API: ").append(gateway)
                .append("/q/swagger-ui").append(NL);
        text.append(NL);
        text.append("Press Ctrl-C to stop everything.").append(NL);
        return text.toString();
    }

    private static String endpoint(String url, ToIntFunction<URI> status) {
        int code = status.applyAsInt(URI.create(url));
        return code == 200 ? url : url + (code < 0 ? " (no answer)" : " (HTTP " + code + ")");
    }
}
