package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.firebreak.embedded.KafkaKraftBroker;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.kafka.Topics;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose loop dies of a Kafka call is restarted, against a real KRaft broker stopped under it:
 * alerting's commit fails while Kafka is away (short client timeouts), the loop ends, the supervisor
 * replaces the service with backoff until Kafka is back, and the decision goes out, under its one id.
 */
class SupervisionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static KafkaKraftBroker kafka;
    private static HttpServer target;
    private static final AtomicInteger answer = new AtomicInteger(503);
    private static final List<String> webhookIds = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaKraftBroker.start();
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().startsWith("/drain/")) {
                webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            }
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/pager") ? 202 : answer.get(), -1);
            exchange.close();
        });
        target.start();
    }

    @AfterAll
    static void stop() {
        target.stop(0);
        kafka.close();
    }

    @Test
    void shouldRestartAlertingWhenItsCommitFailsWhileKafkaIsAwayAndDeliverOnceKafkaIsBack() throws Exception {
        // Given alerting alone in a process, its Kafka calls timing out after 3 s, and a target answering 503
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FirebreakConfig config = new ConfigLoader(name -> null).load(writeConfig(port));
        try (Pipeline pipeline = Pipeline.start(config, EnumSet.of(Pipeline.Service.ALERT))) {
            produce(drain("drn_sup"));
            await().atMost(WAIT).until(() -> webhookIds.size() >= 2);

            // When Kafka goes away, and meanwhile the target accepts: the commit that follows cannot succeed
            kafka.stop();
            answer.set(200);

            // Then the loop's failure is seen and the service restarted (with backoff, failing while Kafka is away)
            await().atMost(WAIT).until(() -> get(port, "/healthz").statusCode() == 503);
            assertThat(get(port, "/healthz").body()).startsWith("alert: not running");
            kafka.restart();
            await().atMost(WAIT).until(() -> get(port, "/healthz").statusCode() == 200);
            await().atMost(WAIT).until(() -> get(port, "/readyz").statusCode() == 200);
            String metrics = get(port, "/metrics").body();
            assertThat(metrics).contains("firebreak_service_up{service=\"alert\"} 1.0")
                    .doesNotContain("firebreak_service_restarts_total{service=\"alert\"} 0.0");
            // and every attempt of the decision, before and after, carried its one webhook-id
            assertThat(webhookIds).containsOnly("msg_drn_sup_kakao-traffic");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static DrainDecision drain(String id) {
        return new DrainDecision(id, DrainDecision.REQUESTED, "pangyo-a", "B3-battery", List.of("hall-1"), List.of("kakao"),
                RiskLevel.CRITICAL, "test", List.of(new Evidence("smoke", "smoke", "asd-b3-1", 0.9, "%obs/m", 1L, true)), 1L);
    }

    private static void produce(DrainDecision decision) throws Exception {
        try (KafkaProducer<String, DrainDecision> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                Topics.DECISIONS.keySerde().serializer(), Topics.DECISIONS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), "pangyo-a/B3-battery", decision)).get();
        }
    }

    private static Path writeConfig(int port) throws Exception {
        String inventory;
        try (InputStream in = SupervisionIT.class.getResourceAsStream("/inventory/pangyo.yaml")) {
            inventory = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("http://127.0.0.1:8089",
                    "http://127.0.0.1:" + target.getAddress().getPort());
        }
        Files.writeString(dir.resolve("site.yaml"), inventory);
        return Files.writeString(dir.resolve("firebreak.yaml"), """
                inventory: site.yaml
                mqtt: {server_uri: "tcp://127.0.0.1:1", client_id: sup-ingest}
                kafka:
                  bootstrap_servers: "%s"
                  partitions: 1
                  properties: {default.api.timeout.ms: "3000", request.timeout.ms: "2000", delivery.timeout.ms: "5000",
                               max.block.ms: "3000"}
                alerting: {target_timeout: 1s, max_attempts: 3, max_backoff: 200ms}
                management: {port: %d, give_up_after: 5m}
                """.formatted(kafka.bootstrapServers(), port));
    }
}
