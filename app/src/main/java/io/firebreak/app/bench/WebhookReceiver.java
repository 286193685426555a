package io.firebreak.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.telemetry.kafka.Json;
import io.firebreak.verifier.WebhookVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The traffic system and the pager of {@code bench pipeline}: a real HTTP server on loopback that checks
 * every drain webhook's Standard Webhooks signature with {@link WebhookVerifier} (as a traffic team would)
 * and notes when each decision's first valid {@code drain.requested} arrived. Pager events get 202 and are
 * counted. Refused webhooks (bad signature, stale timestamp) are counted and answered 401.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final WebhookVerifier verifier;
    /** Decision id to (room, wall millis of the first valid delivery). */
    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();

    /** One decision's first valid delivery. */
    record Arrival(String decision, String room, long receivedMs) {
    }

    WebhookReceiver(String secret) throws IOException {
        this.verifier = new WebhookVerifier(List.of(secret));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/drain", this::drain);
        server.createContext("/pager", exchange -> {
            exchange.getRequestBody().readAllBytes();
            pages.incrementAndGet();
            answer(exchange, 202, "{\"status\":\"success\"}");
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    private void drain(HttpExchange exchange) throws IOException {
        long receivedMs = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            verifier.verify(exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body);
        } catch (WebhookVerifier.WebhookVerificationException e) {
            refused.incrementAndGet();
            answer(exchange, 401, "{\"error\":\"" + e.reason() + "\"}");
            return;
        }
        JsonNode json = Json.mapper().readTree(body);
        if ("drain.requested".equals(json.path("type").asText())) {
            String id = json.path("id").asText();
            arrivals.putIfAbsent(id, new Arrival(id, json.path("room").asText(), receivedMs));
        }
        answer(exchange, 200, "{}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The first valid drain.requested for {@code room} that arrived at or after {@code sinceMs}, if any yet. */
    Optional<Arrival> firstFor(String room, long sinceMs) {
        return arrivals.values().stream().filter(a -> a.room().equals(room) && a.receivedMs() >= sinceMs)
                .min(java.util.Comparator.comparingLong(Arrival::receivedMs));
    }

    long refused() {
        return refused.get();
    }

    long pages() {
        return pages.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
