package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Json;
import io.firebreak.telemetry.kafka.KafkaSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator endpoint's gate, on a real JDK HTTP server on an ephemeral port: every refusal answers its
 * status, records no action and is audited; a valid token records the action under its operator.
 */
class OperatorApiTest {

    private static final String ALERT = "{\"action\":\"ack\",\"subject\":\"alr_1\",\"room\":\"B3-battery\",\"operator\":\"mallory\"}";

    private final List<OperatorAction> recorded = new CopyOnWriteArrayList<>();
    private final List<DeliveryAttempt> audited = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private OperatorApi api;

    private OperatorApi start(OperatorAccess access) {
        AlertingConfig config = AlertingConfig.defaults(KafkaSettings.local("127.0.0.1:9"), Fixtures.pangyo());
        api = new OperatorApi("127.0.0.1", 0, "pangyo-a", new Ledger(config), recorded::add, audited::add, access,
                Clock.systemUTC());
        api.start();
        return api;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private HttpResponse<String> post(String body, String contentType, String token, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/actions"))
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (origin != null) {
            request.header("origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request the JDK client would not send: any Host header. */
    private int rawPost(String host, String token, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /actions HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\r\n", 2)[0];
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void shouldRefuseAndAuditWithoutRecordingWhenTheCredentialIsMissingOrWrong() throws Exception {
        // Given
        start(Operators.access());

        // When
        HttpResponse<String> none = post(ALERT, "application/json", null, null);
        HttpResponse<String> wrong = post(ALERT, "application/json", Operators.ALICE_TOKEN + "x", null);

        // Then
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"firebreak\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(recorded).isEmpty();
        assertThat(audited).extracting(DeliveryAttempt::kind).containsOnly(OperatorRefusals.KIND);
        assertThat(audited).extracting(DeliveryAttempt::error).containsExactly("no_credential", "wrong_token");
        // the body's claim is what the audit can say of who tried; the token is nowhere
        assertThat(audited).extracting(DeliveryAttempt::target).containsOnly("operator:mallory");
        assertThat(audited.toString()).doesNotContain(Operators.ALICE_TOKEN);
        assertThat(audited.get(0).subject()).isEqualTo("alr_1");
        assertThat(audited.get(0).status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseAndAuditWhenTheRequestIsShapedLikeACrossSiteForgery() throws Exception {
        // Given
        start(Operators.access());

        // When a form-like body, a foreign page's origin, and a rebound host name carry alice's valid token
        int textPlain = post(ALERT, "text/plain", Operators.ALICE_TOKEN, null).statusCode();
        int origin = post(ALERT, "application/json", Operators.ALICE_TOKEN, "https://evil.example").statusCode();
        int host = rawPost("evil.example:" + api.port(), Operators.ALICE_TOKEN, ALERT);

        // Then each is refused, nothing is recorded, and each refusal is audited under the token's operator
        assertThat(List.of(textPlain, origin, host)).containsExactly(415, 403, 403);
        assertThat(recorded).isEmpty();
        assertThat(audited).extracting(DeliveryAttempt::error).containsExactly("content_type", "origin_not_allowed", "host_not_allowed");
        assertThat(audited).extracting(DeliveryAttempt::target).containsOnly("operator:alice");
    }

    @Test
    void shouldRefuseAndAuditWhenTheOperatorLacksTheRole() throws Exception {
        // Given bob may ack and veto, not release
        start(Operators.access());

        // When
        HttpResponse<String> release = post("{\"action\":\"release\",\"subject\":\"drn_1\",\"room\":\"B3-battery\"}",
                "application/json", Operators.BOB_TOKEN, null);

        // and bob names another site, where no rule would stop him
        HttpResponse<String> elsewhere = post("{\"action\":\"veto\",\"subject\":\"alr_1\",\"site\":\"other-site\",\"room\":\"B3-battery\"}",
                "application/json", Operators.BOB_TOKEN, null);

        // Then
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("site: this endpoint serves pangyo-a");
        assertThat(release.statusCode()).isEqualTo(403);
        assertThat(release.body()).contains("role_not_allowed");
        assertThat(recorded).isEmpty();
        assertThat(audited).singleElement().satisfies(a -> {
            assertThat(a.target()).isEqualTo("operator:bob");
            assertThat(a.messageId()).isEqualTo("release");
            assertThat(a.room()).isEqualTo("B3-battery");
        });
    }

    @Test
    void shouldRecordTheCredentialsOperatorWhenTheBodyClaimsAnother() throws Exception {
        // Given
        start(Operators.access());

        // When bob acks, the body claiming mallory
        HttpResponse<String> ack = post(ALERT, "application/json; charset=utf-8", Operators.BOB_TOKEN, null);

        // Then the action is recorded as bob's, and nothing is refused
        assertThat(ack.statusCode()).isEqualTo(202);
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.operator()).isEqualTo("bob");
            assertThat(a.action()).isEqualTo("ack");
        });
        assertThat(Json.mapper().readTree(ack.body()).get("operator").asText()).isEqualTo("bob");
        assertThat(audited).isEmpty();
    }

    @Test
    void shouldRefuseEverythingWhenNoOperatorIsConfigured() throws Exception {
        // Given the default access
        start(OperatorAccess.none());

        // When
        HttpResponse<String> post = post(ALERT, "application/json", Operators.ALICE_TOKEN, null);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/decisions"))
                .header("authorization", "Bearer " + Operators.ALICE_TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(recorded).isEmpty();
        assertThat(audited).extracting(DeliveryAttempt::error).containsOnly("no_operators_configured");
    }

    @Test
    void shouldAnswerThePendingStateOnlyToAnOperatorWhenAsked() throws Exception {
        // Given
        start(Operators.access());
        URI decisions = URI.create("http://127.0.0.1:" + api.port() + "/decisions");

        // When
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(decisions).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode pending = new OperatorClient(URI.create("http://127.0.0.1:" + api.port()), Operators.BOB_TOKEN).pending();

        // Then
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(pending.has("held")).isTrue();
        assertThat(audited).singleElement().extracting(DeliveryAttempt::messageId).isEqualTo("GET /decisions");
    }
}
