package io.firebreak.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator endpoint (JDK HTTP server). {@code POST /actions} with
 * {@code {"action": "ack|approve|veto|release|takeover", "subject": "<decision or alert id>", "room": "B3-battery",
 * "operator": "alice", "note": "..."}} records the action on {@code firebreak.operator.v1} and answers
 * {@code 202} with the recorded action only once Kafka has acknowledged it ({@code acks=all}); {@code site}
 * defaults to the inventory's and {@code room} to the room of the pending decision or warning named by
 * {@code subject}. {@code GET /decisions} answers the {@link PendingState}. Bad input answers 400 naming
 * the field, Kafka trouble 503. There is no authentication: bind it to loopback or a management network.
 */
final class OperatorApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorApi.class);
    private static final int MAX_BODY = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "firebreak-operator-api");
        t.setDaemon(true);
        return t;
    });
    private final String site;
    private final Ledger ledger;
    private final KafkaOutbox outbox;
    private final Clock clock;

    OperatorApi(String host, int port, String site, Ledger ledger, KafkaOutbox outbox, Clock clock) {
        this.site = site;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("alerting.operator_port: cannot listen on " + host + ":" + port, e);
        }
        server.createContext("/actions", this::actions);
        server.createContext("/decisions", this::decisions);
        server.setExecutor(executor);
    }

    void start() {
        server.start();
        LOG.info("event=operator_api_started address={}:{}", server.getAddress().getHostString(), port());
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void actions(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, error("method: POST /actions"));
            return;
        }
        OperatorAction action;
        try {
            byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                throw new IllegalArgumentException("body: at most " + MAX_BODY + " bytes");
            }
            action = parse(Json.mapper().readTree(raw));
        } catch (IOException | IllegalArgumentException e) {
            answer(exchange, 400, error(e instanceof IOException ? "body: not JSON" : e.getMessage()));
            return;
        }
        try {
            outbox.publish(action);
        } catch (RuntimeException e) {
            LOG.error("event=operator_action_not_recorded action={} subject={} error=\"{}\"", action.action(),
                    action.subject(), e.getMessage());
            answer(exchange, 503, error("kafka: the action was not recorded, try again"));
            return;
        }
        LOG.info("event=operator_action_recorded action_id={} action={} subject={} room={} operator={}",
                action.id(), action.action(), action.subject(), action.room(), action.operator());
        answer(exchange, 202, Json.mapper().writeValueAsBytes(action));
    }

    private OperatorAction parse(JsonNode body) {
        String subject = text(body, "subject");
        String room = text(body, "room");
        if (room == null && subject != null) {
            room = roomOf(subject).orElseThrow(() ->
                    new IllegalArgumentException("room: is required (" + subject + " is not pending here)"));
        }
        String siteOf = Optional.ofNullable(text(body, "site")).orElse(site);
        return new OperatorAction("op_" + UUID.randomUUID(), text(body, "action"), subject, siteOf, room,
                text(body, "operator"), text(body, "note"), clock.millis());
    }

    private Optional<String> roomOf(String subject) {
        PendingState pending = ledger.pending();
        return pending.held().stream().filter(d -> d.id().equals(subject)).map(d -> d.room()).findFirst()
                .or(() -> pending.drained().stream().filter(d -> d.id().equals(subject)).map(d -> d.room()).findFirst())
                .or(() -> pending.undelivered().stream().filter(d -> d.id().equals(subject)).map(d -> d.room()).findFirst())
                .or(() -> pending.countdowns().stream().filter(c -> c.alertId().equals(subject))
                        .map(PendingState.Countdown::room).findFirst());
    }

    private void decisions(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, error("method: GET /decisions"));
            return;
        }
        answer(exchange, 200, Json.mapper().writeValueAsBytes(ledger.pending()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static byte[] error(String message) {
        return Json.mapper().createObjectNode().put("error", message).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
