package io.firebreak.alerting.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.alerting.PendingState;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.Json;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator console, mounted on alerting's operator endpoint under {@code /console}: the page itself
 * ({@code /console}, {@code console.js}, {@code console.css}; static, no data, served without a token),
 * {@code GET /console/state}, {@code GET /console/events} (server-sent events) and
 * {@code GET /console/incidents/{alert id}} (one incident's timeline), all behind the
 * endpoint's {@link Gate}. Actions go to the endpoint's own {@code POST /actions}. See docs/console.md.
 */
public final class Console implements AutoCloseable {

    /** The endpoint's admission for reading: the operator's name, or empty once it has answered the refusal. */
    @FunctionalInterface
    public interface Gate {
        Optional<String> admit(HttpExchange exchange) throws IOException;
    }

    /** How often an open stream pushes without a change; the page's timers tick on their own. */
    static final Duration EVERY = Duration.ofSeconds(3);
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_STREAMS = 6;
    private static final String INCIDENTS = "/console/incidents/";
    private static final Map<String, String> FILES = Map.of(
            "/console", "index.html", "/console/", "index.html",
            "/console/console.js", "console.js", "/console/console.css", "console.css");

    private final RoomBoard board = new RoomBoard();
    private final IncidentLog incidents = new IncidentLog();
    private final Changes changes = new Changes();
    private final TelemetryClock telemetry;
    private final ConsoleState state;
    private final ConsoleFeed feed;
    private final TelemetryFeed telemetryFeed;
    private final ConsoleEvents events;
    private volatile boolean closed;

    /** A console for {@code inventory}'s site, following Kafka through {@code kafka} (null: no feed, for tests). */
    public Console(SiteInventory inventory, KafkaSettings kafka, String clientId, Supplier<PendingState> pending, Clock clock) {
        this.telemetry = new TelemetryClock(clock.instant());
        this.state = new ConsoleState(inventory, board, telemetry, pending, clock);
        this.feed = kafka == null ? null : new ConsoleFeed(kafka, clientId, board, incidents, changes, clock);
        this.telemetryFeed = kafka == null ? null : new TelemetryFeed(kafka, clientId + "-telemetry", telemetry, changes, clock);
        this.events = new ConsoleEvents(changes, EVERY, LIFETIME, MAX_STREAMS, () -> closed);
    }

    /** Mounts {@code /console} on {@code server}; {@code gate} admits {@code /console/state} and {@code /console/events}. */
    public void mount(HttpServer server, Gate gate) {
        server.createContext("/console", exchange -> handle(exchange, gate));
    }

    /** Starts following Kafka. */
    public void start() {
        if (feed != null) {
            feed.start();
            telemetryFeed.start();
        }
    }

    /** Something the console shows may have changed (an operator action just recorded, say): push now. */
    public void changed() {
        changes.signal();
    }

    /** Every incident's timeline. */
    public IncidentLog incidents() {
        return incidents;
    }

    /** What alerting knows of each room. */
    public RoomBoard board() {
        return board;
    }

    /** When each room's telemetry last reached Kafka. */
    public TelemetryClock telemetry() {
        return telemetry;
    }

    private void handle(HttpExchange exchange, Gate gate) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "application/json", "{\"error\":\"method: GET\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (FILES.containsKey(path)) {
            file(exchange, FILES.get(path));
            return;
        }
        boolean incident = path.startsWith(INCIDENTS) && path.length() > INCIDENTS.length();
        if (!path.equals("/console/state") && !path.equals("/console/events") && !incident) {
            answer(exchange, 404, "application/json", "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<String> operator = gate.admit(exchange);
        if (operator.isEmpty()) {
            return;
        }
        if (incident) {
            incident(exchange, path.substring(INCIDENTS.length()));
        } else if (path.equals("/console/state")) {
            answer(exchange, 200, "application/json", state.render(operator.get()));
        } else {
            events.stream(exchange, () -> state.render(operator.get()));
        }
    }

    private void incident(HttpExchange exchange, String id) throws IOException {
        Optional<IncidentLog.Incident> found = incidents.incident(id);
        if (found.isEmpty()) {
            answer(exchange, 404, "application/json", "{\"error\":\"incident: no alert with that id\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        answer(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(found.get()));
    }

    private static void file(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = Console.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                answer(exchange, 404, "application/json", "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            // the page loads only its own files and talks only to this endpoint; nobody may frame it
            exchange.getResponseHeaders().set("content-security-policy",
                    "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'");
            exchange.getResponseHeaders().set("referrer-policy", "no-referrer");
            answer(exchange, 200, type, in.readAllBytes());
        }
    }

    static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", type);
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        closed = true;
        changes.signal();
        if (feed != null) {
            feed.close();
            telemetryFeed.close();
        }
    }
}
