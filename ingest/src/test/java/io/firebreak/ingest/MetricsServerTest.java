package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServePrometheusTextWhenMetricsAreScraped() throws Exception {
        // Given
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestCounters counters = new IngestCounters(registry);
        counters.received.add(3);
        counters.inflight.set(2);

        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), registry)) {
            // When
            HttpResponse<String> response = send(server.port(), "GET", "/metrics");

            // Then
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains(MetricsServer.CONTENT_TYPE);
            assertThat(MetricsScraper.valueIn(response.body(), "firebreak_ingest_received_total")).isEqualTo(3);
            assertThat(MetricsScraper.valueIn(response.body(), "firebreak_ingest_inflight")).isEqualTo(2);
            assertThat(response.body()).contains("firebreak_ingest_forwarded_total", "firebreak_ingest_duplicates_total",
                    "firebreak_ingest_gaps_total", "firebreak_ingest_kafka_send_seconds_count",
                    "firebreak_ingest_rejected_total{reason=\"not_utf8\"}");
        }
    }

    @Test
    void shouldAnswer404And405WhenThePathOrMethodIsWrong() throws Exception {
        // Given
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), registry)) {
            // When / Then
            assertThat(send(server.port(), "GET", "/other").statusCode()).isEqualTo(404);
            assertThat(send(server.port(), "POST", "/metrics").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void shouldAnswer200WhenHealthyAnd503NamingTheProblemWhenNotReady() throws Exception {
        // Given a process that is alive but not caught up
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsServer.Probe alive = java.util.List::of;
        MetricsServer.Probe ready = () -> java.util.List.of("alert: not caught up");

        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), registry, alive, ready)) {
            // When
            HttpResponse<String> health = send(server.port(), "GET", "/healthz");
            HttpResponse<String> readiness = send(server.port(), "GET", "/readyz");

            // Then
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).isEqualTo("alert: not caught up\n");
            assertThat(send(server.port(), "GET", "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswer404ForTheProbesWhenNoneAreGiven() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), registry)) {
            assertThat(send(server.port(), "GET", "/healthz").statusCode()).isEqualTo(404);
        }
    }
}
