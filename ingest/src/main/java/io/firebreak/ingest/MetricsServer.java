package io.firebreak.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's management endpoint on a JDK HTTP server, without a web framework: a Prometheus registry as
 * text at {@code GET /metrics}, and, when probes are given, {@code GET /healthz} (alive: 200, or 503 with
 * one problem per line) and {@code GET /readyz} (connected and caught up, the same way). Anything else is
 * 404 (unknown path) or 405 (another method). Ingest alone serves only {@code /metrics}; {@code firebreak up}
 * serves one per process for every service in it.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    /** The content type of the Prometheus text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    /** A check behind {@code /healthz} or {@code /readyz}: what is wrong, one line each; empty when all is well. */
    @FunctionalInterface
    public interface Probe {
        Probe NONE = List::of;

        List<String> problems();
    }

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code registry} on {@code address}; port 0 picks a free port (see {@link #port()}).
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry) {
        return start(address, registry, null, null);
    }

    /**
     * As {@link #start(InetSocketAddress, PrometheusMeterRegistry)}, also answering {@code /healthz} from
     * {@code health} and {@code /readyz} from {@code ready} (null: that path is 404).
     */
    public static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry, Probe health, Probe ready) {
        Objects.requireNonNull(registry, "registry");
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics.port: cannot listen on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "firebreak-management");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, registry, health, ready));
        server.start();
        LOG.info("event=metrics_server_started address={} paths={}", server.getAddress(),
                health == null ? "/metrics" : "/metrics,/healthz,/readyz");
        return new MetricsServer(server, executor);
    }

    private static void handle(HttpExchange exchange, PrometheusMeterRegistry registry, Probe health, Probe ready)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Probe probe = "/healthz".equals(path) ? health : "/readyz".equals(path) ? ready : null;
            if (!"/metrics".equals(path) && probe == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            int status = 200;
            byte[] body;
            if (probe != null) {
                List<String> problems = probe.problems();
                status = problems.isEmpty() ? 200 : 503;
                body = (problems.isEmpty() ? "ok\n" : String.join("\n", problems) + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            } else {
                body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            }
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("event=metrics_server_stopped port={}", port());
    }
}
