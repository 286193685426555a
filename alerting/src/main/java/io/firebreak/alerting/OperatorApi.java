package io.firebreak.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.alerting.console.Console;
import io.firebreak.alerting.console.ConsoleOrigins;
import io.firebreak.telemetry.auth.EndpointTls;
import io.firebreak.telemetry.auth.Operator;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.OperatorRole;
import io.firebreak.telemetry.auth.RequestGuard;
import io.firebreak.telemetry.auth.Verdict;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator endpoint (JDK HTTP or HTTPS server). {@code POST /actions} with
 * {@code {"action": "ack|approve|veto|release|takeover", "subject": "<decision or alert id>", "room": "B3-battery",
 * "note": "..."}} records the action on {@code firebreak.operator.v1} and answers {@code 202} with the recorded
 * action only once Kafka has acknowledged it ({@code acks=all}); {@code site} is the inventory's (another answers 400),
 * {@code room} defaults to the room of the pending decision or warning named by {@code subject}. {@code GET /decisions}
 * answers the {@link PendingState}.
 *
 * <p>Every request passes the {@link RequestGuard} first (Host, Origin, JSON, a bearer token or client
 * certificate), and an action the operator's role at that site ({@code 401/403/415}). The recorded operator is
 * the credential's, never the body's {@code operator} field, which is ignored. A refused request changes
 * nothing and is audited ({@link OperatorRefusals}). Bad input answers 400 naming the field, Kafka trouble 503.
 *
 * <p>With a {@link Console}, the endpoint also serves the operator console under {@code /console} (docs/console.md),
 * and accepts its own origin, so the console's page may POST actions.
 */
final class OperatorApi implements AutoCloseable {

    /** Where accepted actions go: {@code firebreak.operator.v1}, returning once Kafka has them. */
    @FunctionalInterface
    interface Recorder {
        void publish(OperatorAction action);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OperatorApi.class);
    private static final int MAX_BODY = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(10, r -> {  // the console's event streams hold up to 6
        Thread t = new Thread(r, "firebreak-operator-api");
        t.setDaemon(true);
        return t;
    });
    private final String site;
    private final Ledger ledger;
    private final Recorder recorder;
    private final OperatorAccess access;
    private final RequestGuard guard;
    private final OperatorRefusals refusals;
    private final Clock clock;
    private final Console console;

    OperatorApi(String host, int port, String site, Ledger ledger, Recorder recorder, AuditLog audit,
                OperatorAccess access, Clock clock) {
        this(host, port, site, ledger, recorder, audit, access, clock, null);
    }

    /** An endpoint that also serves {@code console} (null: none). */
    OperatorApi(String host, int port, String site, Ledger ledger, Recorder recorder, AuditLog audit,
                OperatorAccess access, Clock clock, Console console) {
        this.site = site;
        this.ledger = ledger;
        this.recorder = recorder;
        this.access = access;
        this.clock = clock;
        this.console = console;
        this.refusals = new OperatorRefusals(site, audit, clock);
        this.server = EndpointTls.bind(host, port, access.tls(), "alerting.operator_port");
        this.guard = new RequestGuard(console == null ? access
                : ConsoleOrigins.withOwn(access, host, server.getAddress().getPort()), List.of(host));
        if (console != null) {
            console.mount(server, this::admitReading);
        }
        server.createContext("/actions", this::actions);
        server.createContext("/decisions", this::decisions);
        server.setExecutor(executor);
    }

    void start() {
        if (console != null) {
            console.start();
        }
        server.start();
        LOG.info("event=operator_api_started address={}://{}:{} operators={} mutual_tls={}", access.scheme(),
                server.getAddress().getHostString(), port(), access.credentials().operators().size(),
                access.tls() != null && access.tls().mutual());
        if (access.credentials().isEmpty()) {
            LOG.warn("event=operator_api_locked reason=no_operators_configured hint=\"every request is refused: run "
                    + "'firebreak operator-token NAME' and add the printed line under operators.accounts in firebreak.yaml\"");
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void actions(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, error("method: POST /actions"));
            return;
        }
        byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        JsonNode body = readable(raw);
        Verdict verdict = guard.admit(exchange, true);
        if (verdict instanceof Verdict.Refused refused) {
            refuse(exchange, refused, body);
            return;
        }
        Operator operator = ((Verdict.Admitted) verdict).operator();
        OperatorAction action;
        try {
            if (raw.length > MAX_BODY) {
                throw new IllegalArgumentException("body: at most " + MAX_BODY + " bytes");
            }
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("body: not a JSON object");
            }
            action = parse(body, operator);
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, error(e.getMessage()));
            return;
        }
        Verdict role = guard.authorize(operator, action.site(), OperatorRole.parse(action.action(), "action"));
        if (role instanceof Verdict.Refused refused) {
            refuse(exchange, refused, body);
            return;
        }
        try {
            recorder.publish(action);
        } catch (RuntimeException e) {
            LOG.error("event=operator_action_not_recorded action={} subject={} error=\"{}\"", action.action(),
                    action.subject(), e.getMessage());
            answer(exchange, 503, error("kafka: the action was not recorded, try again"));
            return;
        }
        if (console != null) {
            console.changed();
        }
        String claimed = text(body, "operator");
        LOG.info("event=operator_action_recorded action_id={} action={} subject={} room={} operator={} credential={}{}",
                action.id(), action.action(), action.subject(), action.room(), action.operator(),
                ((Verdict.Admitted) verdict).credential(),
                claimed != null && !claimed.equals(operator.name()) ? " body_operator=ignored" : "");
        answer(exchange, 202, Json.mapper().writeValueAsBytes(action));
    }

    private OperatorAction parse(JsonNode body, Operator operator) {
        String subject = text(body, "subject");
        String room = text(body, "room");
        if (room == null && subject != null) {
            room = roomOf(subject).orElseThrow(() ->
                    new IllegalArgumentException("room: is required (" + subject + " is not pending here)"));
        }
        String siteOf = Optional.ofNullable(text(body, "site")).orElse(site);
        if (!siteOf.equals(site)) {
            // roles are per site: an action must be judged, and applied, at the one site this endpoint serves
            throw new IllegalArgumentException("site: this endpoint serves " + site + ", not " + siteOf);
        }
        // the identity is the credential's: a body's "operator" claims nothing
        return new OperatorAction("op_" + UUID.randomUUID(), text(body, "action"), subject, siteOf, room,
                operator.name(), text(body, "note"), clock.millis());
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
        Verdict verdict = guard.admit(exchange, false);
        if (verdict instanceof Verdict.Refused refused) {
            refuse(exchange, refused, null);
            return;
        }
        answer(exchange, 200, Json.mapper().writeValueAsBytes(ledger.pending()));
    }

    /** The console's reading admission: the operator, or empty once the refusal is answered and audited. */
    private Optional<String> admitReading(HttpExchange exchange) throws IOException {
        Verdict verdict = guard.admit(exchange, false);
        if (verdict instanceof Verdict.Refused refused) {
            refuse(exchange, refused, null);
            return Optional.empty();
        }
        return Optional.of(((Verdict.Admitted) verdict).operator().name());
    }

    private void refuse(HttpExchange exchange, Verdict.Refused refused, JsonNode body) throws IOException {
        refusals.record(exchange, refused, body);
        RequestGuard.answer(exchange, refused);
    }

    /** The body as JSON, or null: a refusal's audit uses what it can read, an action needs all of it. */
    private static JsonNode readable(byte[] raw) {
        try {
            return raw.length == 0 || raw.length > MAX_BODY ? null : Json.mapper().readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
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
        if (console != null) {
            console.close();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
