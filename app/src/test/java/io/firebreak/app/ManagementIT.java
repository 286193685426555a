package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.KafkaKraftBroker;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One management port for the process's services, against a real KRaft broker: health, readiness and metrics. */
class ManagementIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaKraftBroker kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaKraftBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldAnswerHealthReadinessAndMetricsForEveryServiceWhenTheManagementPortIsSet() throws Exception {
        // Given detection and alerting in one process with a management port
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("firebreak.yaml"), """
                inventory: classpath:/inventory/pangyo.yaml
                time_mode: replay
                mqtt: {server_uri: "tcp://127.0.0.1:1", client_id: mgmt-ingest}
                kafka: {bootstrap_servers: "%s", partitions: 2}
                detect: {state_dir: "%s"}
                alerting: {dry_run: true}
                management: {port: %d, give_up_after: 2m, heartbeat: 1s}
                """.formatted(kafka.bootstrapServers(), dir.resolve("streams"), port));
        FirebreakConfig config = new ConfigLoader(name -> null).load(file);

        try (Pipeline pipeline = Pipeline.start(config, EnumSet.of(Pipeline.Service.DETECT, Pipeline.Service.ALERT))) {
            // When the services have started
            assertThat(pipeline.managementPort()).isEqualTo(port);

            // Then the process is alive, becomes ready, and its metrics cover every stage, the JVM and the Kafka clients
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> get(port, "/readyz").statusCode() == 200);
            assertThat(get(port, "/readyz").body()).isEqualTo("ok\n");
            await().atMost(WAIT).until(() -> get(port, "/metrics").body().contains("kafka_consumer_fetch_manager_records_lag_max"));
            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains(
                    "firebreak_service_up{service=\"alert\"} 1.0",
                    "firebreak_service_up{service=\"detect\"} 1.0",
                    "firebreak_service_restarts_total{service=\"detect\"} 0.0",
                    "firebreak_alerting_delivered_total",
                    "firebreak_alerting_in_flight",
                    "firebreak_alerting_delivery_seconds_count",
                    "firebreak_alerting_delivery_max_seconds",
                    "firebreak_detect_running 1.0",
                    "firebreak_heartbeat_last_accepted_timestamp_seconds",
                    "firebreak_heartbeat_interval_seconds 1.0",
                    "jvm_memory_used_bytes",
                    "kafka_streams_stream_thread_process_total",
                    "kafka_producer_record_send_total");
            assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
