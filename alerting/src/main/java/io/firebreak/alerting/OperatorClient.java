package io.firebreak.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.telemetry.decision.OperatorAction;
import io.firebreak.telemetry.kafka.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The client side of the operator endpoint, for the {@code firebreak ack|approve|veto|release} commands:
 * {@code new OperatorClient(URI.create("http://127.0.0.1:8470"), token).submit("approve", "drn_...", null, "")}.
 * The token goes as {@code Authorization: Bearer}; the endpoint records the action under the token's operator.
 * Returns the action as Kafka recorded it; any other answer than 202 throws {@link OperatorException}
 * with the endpoint's status and message.
 */
public final class OperatorClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(35);

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param base  the endpoint, e.g. {@code http://127.0.0.1:8470}
     * @param token the operator's bearer token; null sends none (only a client certificate can then identify)
     */
    public OperatorClient(URI base, String token) {
        this(base, token, null);
    }

    /** As above, over TLS with {@code tls} (trust for the endpoint, and a client certificate for mutual TLS). */
    public OperatorClient(URI base, String token, SSLContext tls) {
        this.base = base;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /**
     * Records one action, under the operator the credential proves.
     *
     * @param action   {@code ack}, {@code approve}, {@code veto}, {@code release} or {@code takeover}
     * @param subject  the decision id or alert id
     * @param room     the room; null lets the endpoint find it from what is pending
     * @param note     free text; may be null
     */
    public OperatorAction submit(String action, String subject, String room, String note) {
        ObjectNode body = Json.mapper().createObjectNode().put("action", action).put("subject", subject);
        if (room != null) {
            body.put("room", room);
        }
        if (note != null) {
            body.put("note", note);
        }
        HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve("/actions")).timeout(TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))).build();
        String answer = send(request, 202);
        try {
            return Json.mapper().readValue(answer, OperatorAction.class);
        } catch (IOException e) {
            throw new OperatorException("unreadable answer from " + base + ": " + e.getMessage());
        }
    }

    /** What waits for a person or a timer ({@code GET /decisions}), as JSON. */
    public JsonNode pending() {
        String answer = send(authorized(HttpRequest.newBuilder(base.resolve("/decisions")).timeout(TIMEOUT).GET()).build(), 200);
        try {
            return Json.mapper().readTree(answer);
        } catch (IOException e) {
            throw new OperatorException("unreadable answer from " + base + ": " + e.getMessage());
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return token == null ? request : request.header("authorization", "Bearer " + token);
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expected) {
                throw new OperatorException(request.uri().getPath() + ": status " + response.statusCode() + " " + response.body(),
                        response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new OperatorException("cannot reach " + base + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorException("interrupted");
        }
    }

    /** The endpoint refused the action or could not be reached. */
    public static final class OperatorException extends RuntimeException {
        private final int status;

        public OperatorException(String message) {
            this(message, 0);
        }

        public OperatorException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** The endpoint's HTTP status; 0 when there was no answer. */
        public int status() {
            return status;
        }
    }
}
