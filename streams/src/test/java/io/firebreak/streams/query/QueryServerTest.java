package io.firebreak.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.auth.Operator;
import io.firebreak.telemetry.auth.OperatorAccess;
import io.firebreak.telemetry.auth.OperatorCredentials;
import io.firebreak.telemetry.auth.TokenHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The query endpoint's gate, on a real JDK HTTP server: no state behind it, so an admitted query answers 503. */
class QueryServerTest {

    private static final String TOKEN = "fbo_EXAMPLE-query-token-for-tests-only";

    private static int get(QueryServer server, String path, String token, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (origin != null) {
            request.header("origin", origin);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void shouldAnswer401WithoutAValidTokenAndPassAnOperatorThrough() throws Exception {
        // Given an operator with no roles: reading needs none
        OperatorAccess access = OperatorAccess.of(new OperatorCredentials(
                List.of(new Operator("dana", TokenHash.of(TOKEN), Set.of())), Map.of()));
        try (QueryServer server = new QueryServer(null, "127.0.0.1", "detect-1", 0, access)) {
            // Then
            assertThat(get(server, "/rooms/pangyo-a/B3-battery", null, null)).isEqualTo(401);
            assertThat(get(server, "/sites/pangyo-a", TOKEN + "x", null)).isEqualTo(401);
            assertThat(get(server, "/sites/pangyo-a", TOKEN, "https://evil.example")).isEqualTo(403);
            assertThat(get(server, "/rooms/pangyo-a/B3-battery", TOKEN, null)).isEqualTo(503);
        }
    }

    @Test
    void shouldRefuseEveryQueryWhenNoOperatorIsConfigured() throws Exception {
        try (QueryServer server = new QueryServer(null, "127.0.0.1", "detect-1", 0, OperatorAccess.none())) {
            assertThat(get(server, "/sites/pangyo-a", TOKEN, null)).isEqualTo(401);
        }
    }
}
