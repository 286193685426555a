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

/**
 * The client side of the operator endpoint, for the {@code firebreak ack|approve|veto|release} commands:
 * {@code new OperatorClient(URI.create("http://127.0.0.1:8470")).submit("approve", "drn_...", null, "alice", "")}.
 * Returns the action as Kafka recorded it; any other answer than 202 throws {@link OperatorException}
 * with the endpoint's message.
 */
public final class OperatorClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(35);

    private final URI base;
    private final HttpClient http = RetryingPost.httpClient(Duration.ofSeconds(5));

    /** @param base the endpoint, e.g. {@code http://127.0.0.1:8470} */
    public OperatorClient(URI base) {
        this.base = base;
    }

    /**
     * Records one action.
     *
     * @param action   {@code ack}, {@code approve}, {@code veto} or {@code release}
     * @param subject  the decision id or alert id
     * @param room     the room; null lets the endpoint find it from what is pending
     * @param operator who acts
     * @param note     free text; may be null
     */
    public OperatorAction submit(String action, String subject, String room, String operator, String note) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("action", action).put("subject", subject).put("operator", operator);
        if (room != null) {
            body.put("room", room);
        }
        if (note != null) {
            body.put("note", note);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/actions")).timeout(TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        String answer = send(request, 202);
        try {
            return Json.mapper().readValue(answer, OperatorAction.class);
        } catch (IOException e) {
            throw new OperatorException("unreadable answer from " + base + ": " + e.getMessage());
        }
    }

    /** What waits for a person or a timer ({@code GET /decisions}), as JSON. */
    public JsonNode pending() {
        String answer = send(HttpRequest.newBuilder(base.resolve("/decisions")).timeout(TIMEOUT).GET().build(), 200);
        try {
            return Json.mapper().readTree(answer);
        } catch (IOException e) {
            throw new OperatorException("unreadable answer from " + base + ": " + e.getMessage());
        }
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expected) {
                throw new OperatorException(request.uri().getPath() + ": status " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new OperatorException("cannot reach " + base + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorException("interrupted");
        }
    }

    /** The endpoint refused the action or could not be reached. */
    public static final class OperatorException extends RuntimeException {
        public OperatorException(String message) {
            super(message);
        }
    }
}
