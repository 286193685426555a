package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.alerting.console.Console;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.Json;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console on the operator endpoint, over HTTP without Kafka: what it serves to whom, and what it streams. */
class ConsoleApiTest {

    private final List<OperatorAction> recorded = new CopyOnWriteArrayList<>();
    private final List<DeliveryAttempt> audited = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Console console;
    private OperatorApi api;

    @BeforeEach
    void start() {
        AlertingConfig config = AlertingConfig.defaults(KafkaSettings.local("127.0.0.1:9"), Fixtures.pangyo());
        Ledger ledger = new Ledger(config);
        console = new Console(Fixtures.pangyo(), null, "test-console", ledger::pending, Clock.systemUTC());
        api = new OperatorApi("127.0.0.1", 0, "pangyo-a", ledger, recorded::add, audited::add, Operators.access(),
                Clock.systemUTC(), console);
        api.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldServeThePageToAnyoneAndTheStateOnlyToAnOperator() throws Exception {
        // When
        HttpResponse<String> page = get("/console", null);
        HttpResponse<String> anonymous = get("/console/state", null);
        HttpResponse<String> state = get("/console/state", Operators.BOB_TOKEN);

        // Then the page carries no data and forbids framing; the state needs a token, and a refusal is audited
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'", "default-src 'self'"));
        assertThat(page.body()).contains("Firebreak console", "/console/console.js");
        assertThat(get("/console/console.js", null).body()).contains("Authorization");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(audited).singleElement().extracting(DeliveryAttempt::messageId).isEqualTo("GET /console/state");
        JsonNode body = Json.mapper().readTree(state.body());
        assertThat(body.get("operator").asText()).isEqualTo("bob");
        assertThat(body.at("/pending/held").isArray()).isTrue();
        JsonNode b3 = room(body, "B3-battery");
        assertThat(b3.get("halls")).extracting(JsonNode::asText).containsExactly("hall-1", "hall-2");
        assertThat(b3.get("tenants")).extracting(JsonNode::asText).containsExactlyInAnyOrder("kakao", "naver");
        assertThat(b3.get("level").asText()).isEqualTo("unknown");
        assertThat(get("/console/other", Operators.BOB_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAcceptAnActionFromTheConsolesOwnOriginAndRefuseAnotherOrigin() throws Exception {
        // When the console's page posts an ack (a browser sends its origin), and a foreign page tries the same
        int own = post("http://127.0.0.1:" + api.port());
        int foreign = post("http://evil.example");

        // Then only the console's own origin is recorded
        assertThat(own).isEqualTo(202);
        assertThat(foreign).isEqualTo(403);
        assertThat(recorded).singleElement().extracting(OperatorAction::operator).isEqualTo("alice");
        assertThat(audited).singleElement().satisfies(a -> assertThat(a.error()).isEqualTo("origin_not_allowed"));
    }

    @Test
    void shouldStreamAFreshStateWhenAnAlertArrives() throws Exception {
        // Given an open event stream
        HttpResponse<java.io.InputStream> stream = http.send(request("/console/events", Operators.ALICE_TOKEN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(room(next(events), "B3-battery").get("level").asText()).isEqualTo("unknown");

            // When B3 goes critical
            console.board().onAlert(Fixtures.alert("alr_b3", "B3-battery", RiskLevel.CRITICAL, RiskLevel.WARNING), Instant.now());
            console.changed();

            // Then the next event shows it, with its evidence
            JsonNode b3 = room(next(events), "B3-battery");
            assertThat(b3.get("level").asText()).isEqualTo("critical");
            assertThat(b3.get("alert_id").asText()).isEqualTo("alr_b3");
            assertThat(b3.at("/evidence/0/signal").asText()).isEqualTo("smoke");
        }
    }

    private static JsonNode next(BufferedReader events) throws Exception {
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            if (line.startsWith("data: ")) {
                return Json.mapper().readTree(line.substring(6));
            }
        }
        throw new AssertionError("the stream ended");
    }

    private static JsonNode room(JsonNode state, String id) {
        for (JsonNode room : state.get("rooms")) {
            if (room.get("id").asText().equals(id)) {
                return room;
            }
        }
        throw new AssertionError("no room " + id + " in " + state);
    }

    private int post(String origin) throws Exception {
        HttpRequest request = request("/actions", Operators.ALICE_TOKEN).header("content-type", "application/json")
                .header("origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"ack\",\"subject\":\"alr_1\",\"room\":\"B3-battery\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        return token == null ? request : request.header("authorization", "Bearer " + token);
    }
}
