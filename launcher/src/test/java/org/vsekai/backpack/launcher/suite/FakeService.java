package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Quarkus service in {@link SuiteTest}: packed alone into a {@code quarkus-run.jar}, it serves
 * {@code /q/...} and {@code /config} (the system properties it was given) on {@code quarkus.http.port}. A file
 * {@code crash} in its working directory (the module folder) makes it fail at start-up instead.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        if (Files.exists(Path.of("crash"))) {
            System.err.println("boom: this fake service was told to crash");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.getInteger("quarkus.http.port")), 0);
        for (String path : new String[] {"/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui"}) {
            server.createContext(path, exchange -> answer(exchange, "ok"));
        }
        server.createContext("/config", exchange -> answer(exchange, System.getProperties().stringPropertyNames()
                .stream()
                .filter(name -> name.startsWith("quarkus.") || name.startsWith("kafka.") || name.startsWith("mp."))
                .sorted()
                .map(name -> name + "=" + System.getProperty(name))
                .collect(Collectors.joining("\n"))));
        server.start();
        System.out.println("fake service listening on " + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
