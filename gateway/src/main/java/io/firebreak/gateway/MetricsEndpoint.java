package io.firebreak.gateway;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The gateway's Prometheus endpoint, {@code GET /metrics}, on the JDK's HTTP server. */
public final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    public static MetricsEndpoint start(int port, PrometheusMeterRegistry registry) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics_port: cannot listen on " + port + ": " + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            int status = "GET".equals(exchange.getRequestMethod()) ? 200 : 405;
            exchange.getResponseHeaders().set("content-type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (status == 200) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new MetricsEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
